import { Rule, RuleType } from '@midwayjs/validate';
import { ApiProperty } from '@midwayjs/swagger';

const mainlandPhone = RuleType.string().pattern(/^1[3-9]\d{9}$/, '11 位中国大陆手机号').required();

export class WechatLoginDTO {
  @ApiProperty({ description: 'wx.login code' })
  @Rule(RuleType.string().min(1).max(128).required())
  code: string;
}

export class SmsSendDTO {
  @ApiProperty({ example: '13800138000' })
  @Rule(mainlandPhone)
  phone: string;
}

export class SmsLoginDTO {
  @ApiProperty({ example: '13800138000' })
  @Rule(mainlandPhone)
  phone: string;

  @ApiProperty({ example: '123456' })
  @Rule(RuleType.string().pattern(/^\d{6}$/, '6 位数字').required())
  code: string;
}

export class BindPhoneDTO {
  @ApiProperty({ description: 'code from the getPhoneNumber button' })
  @Rule(RuleType.string().min(1).max(128).required())
  code: string;
}

export class PrivacyConsentDTO {
  @ApiProperty()
  @Rule(RuleType.string().max(32).required())
  policyVersion: string;
}

export class EndUserRefreshDTO {
  @ApiProperty()
  @Rule(RuleType.string().max(256).required())
  refreshToken: string;
}
