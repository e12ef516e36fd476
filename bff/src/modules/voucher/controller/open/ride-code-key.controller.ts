import { Controller, Get, Inject } from '@midwayjs/core';
import { ApiTags } from '@midwayjs/swagger';
import type { RideCodeKeys } from '@dzky/contracts';
import { Public } from '../../../../common/security/access.decorator';
import { RideCodeService } from '../../service/ride-code.service';

/**
 * The public keys ride codes are verified with. Driver phones cache them to check codes offline;
 * public keys are no secret, so no token is asked for (and /api/public/ is outside every audience).
 * The folder is `open/`, not `public/`: Midway's file scan skips every folder named public.
 */
@ApiTags('public · ride codes')
@Controller('/api/public')
export class RideCodeKeyController {
  @Inject() rideCodes: RideCodeService;

  @Public()
  @Get('/ride-code-keys')
  async list(): Promise<RideCodeKeys> {
    return { keys: this.rideCodes.publicKeys() };
  }
}
