import { Rule, RuleType } from '@midwayjs/validate';
import { ApiProperty } from '@midwayjs/swagger';

export class AdminLoginDTO {
  @ApiProperty({ example: 'sysadmin' })
  @Rule(RuleType.string().trim().min(1).max(64).required())
  username: string;

  @ApiProperty()
  @Rule(RuleType.string().min(1).max(128).required())
  password: string;
}

export class AdminTotpDTO {
  @ApiProperty()
  @Rule(RuleType.string().max(2048).required())
  challengeToken: string;

  @ApiProperty({ example: '123456' })
  @Rule(RuleType.string().pattern(/^\d{6}$/, '6 位数字').required())
  code: string;
}

export class RefreshDTO {
  @ApiProperty()
  @Rule(RuleType.string().max(256).required())
  refreshToken: string;
}

export class ChangePasswordDTO {
  @ApiProperty()
  @Rule(RuleType.string().max(128).required())
  oldPassword: string;

  @ApiProperty()
  @Rule(RuleType.string().max(128).required())
  newPassword: string;
}
