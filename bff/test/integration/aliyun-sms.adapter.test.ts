import { randomBytes } from 'crypto';
import { startSandbox, type Sandbox } from '@dzky/sandbox';
import { DomainError, UpstreamError } from '../../src/common/error/domain.error';
import {
  AliyunSmsAdapter,
  signRpcV1,
  type SmsConfig,
} from '../../src/modules/integration/adapter/aliyun-sms.adapter';

describe('signRpcV1 (R-8.2)', () => {
  it("reproduces the SendSms signature example of Aliyun's Dysmsapi documentation", () => {
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(signRpcV1('GET', params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it("reproduces the DescribeRegions example of Aliyun's RPC signature documentation", () => {
    const params = {
      Timestamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };
    expect(signRpcV1('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });
});

/** The production adapter against the Aliyun SMS sandbox, which checks every signature. */
describe('AliyunSmsAdapter against the Aliyun SMS sandbox', () => {
  const key = {
    accessKeyId: `LTAI${randomBytes(8).toString('hex')}`,
    accessKeySecret: randomBytes(15).toString('base64'),
  };
  const templates: SmsConfig['templates'] = {
    loginCode: 'SMS_LOGIN_CODE',
    rideVoucher: 'SMS_RIDE_VOUCHER',
    notice: 'SMS_NOTICE',
  };
  let sandbox: Sandbox;

  const adapter = (override: Partial<SmsConfig> = {}) => {
    const a = new AliyunSmsAdapter();
    a.config = { baseUrl: sandbox.sms.url, ...key, signName: '定制客运', templates, ...override };
    return a;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      wechat: { apps: [] },
      sms: { accessKeys: [key], signName: '定制客运', templates: Object.values(templates) },
    });
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.sms.state.reset());

  it('R-8.2 sends a signed SendSms that the sandbox accepts; the code is readable there', async () => {
    const receipt = await adapter().send('13800138000', 'loginCode', { code: '246810' });
    expect(receipt).toEqual({ bizId: expect.any(String), requestId: expect.any(String) });

    const res = await fetch(`${sandbox.sms.url}/__sandbox/sms/messages?phone=13800138000`);
    const { messages } = (await res.json()) as { messages: Array<Record<string, any>> };
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      BizId: receipt.bizId,
      TemplateCode: 'SMS_LOGIN_CODE',
      TemplateParam: { code: '246810' },
      SignName: '定制客运',
    });
  });

  it('R-8.2 signs characters that need care (spaces, *, ~, quotes) the way Aliyun checks them', async () => {
    await adapter().send('13800138001', 'notice', { text: "a b*c~d!'()&=+/中文" });
    expect(sandbox.sms.messages('13800138001')[0].TemplateParam).toEqual({ text: "a b*c~d!'()&=+/中文" });
  });

  it('R-8.2 a wrong access key secret is refused with UpstreamError (SignatureDoesNotMatch), the phone number kept out of the message', async () => {
    const error = await adapter({ accessKeySecret: 'not-the-secret' })
      .send('13800138002', 'loginCode', { code: '111111' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ upstream: 'aliyun-sms', upstreamCode: 'SignatureDoesNotMatch' });
    expect(error.message).not.toContain('13800138002');
    expect(sandbox.sms.messages('13800138002')).toEqual([]);
  });

  it('an unknown access key ID is an UpstreamError (InvalidAccessKeyId.NotFound)', async () => {
    await expect(
      adapter({ accessKeyId: 'LTAInobody' }).send('13800138003', 'loginCode', { code: '1' }),
    ).rejects.toMatchObject({
      upstreamCode: 'InvalidAccessKeyId.NotFound',
    });
  });

  it("Aliyun's flow control (1 a minute per number and template) becomes RATE_LIMITED", async () => {
    const sms = adapter();
    await sms.send('13800138004', 'loginCode', { code: '123456' });
    const error = await sms.send('13800138004', 'loginCode', { code: '654321' }).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).not.toBeInstanceOf(UpstreamError);
    expect(error.errorCode).toBe('RATE_LIMITED');
  });

  it('other refusals are UpstreamErrors with their code (illegal number, unknown signature)', async () => {
    await expect(adapter().send('12345', 'loginCode', { code: '1' })).rejects.toMatchObject({
      upstreamCode: 'isv.MOBILE_NUMBER_ILLEGAL',
    });
    await expect(
      adapter({ signName: '别人的签名' }).send('13800138005', 'loginCode', { code: '1' }),
    ).rejects.toMatchObject({
      upstreamCode: 'isv.SMS_SIGNATURE_ILLEGAL',
    });
  });
});
