import { Rule, RuleType } from '@midwayjs/validate';
import { ApiProperty } from '@midwayjs/swagger';

export class WebAuthUrlQueryDTO {
  @ApiProperty({ description: 'the H5 page to come back to', example: 'http://localhost:7200/#/pages/order/detail/index?id=1' })
  @Rule(RuleType.string().max(1024).required())
  redirect: string;
}

export class WebAuthLinkDTO {
  @ApiProperty({ description: 'the code WeChat added to the H5 page address after web authorisation' })
  @Rule(RuleType.string().min(1).max(128).required())
  code: string;
}
