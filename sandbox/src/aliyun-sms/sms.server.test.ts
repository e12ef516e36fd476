import { randomUUID } from 'crypto';
import { rpcSignature } from './rpc-signature';
import { startSmsServer, type SmsSandboxHandle } from './sms.server';

const KEY = { accessKeyId: 'LTAItestkey', accessKeySecret: 'test-secret-1' };
const PHONE = '13800138000';

let now = Date.parse('2026-03-01T08:00:00Z');
let sms: SmsSandboxHandle;

beforeAll(async () => {
  sms = await startSmsServer({ accessKeys: [KEY], signName: '定制客运', now: () => now });
});
afterAll(() => sms.stop());
beforeEach(() => {
  sms.state.reset();
  now += 86_400_000;
});

const timestamp = (ms = now) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function sendSmsParams(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    AccessKeyId: KEY.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    PhoneNumbers: PHONE,
    RegionId: 'cn-hangzhou',
    SignName: '定制客运',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: randomUUID(),
    SignatureVersion: '1.0',
    TemplateCode: 'SMS_LOGIN_CODE',
    TemplateParam: JSON.stringify({ code: '123456' }),
    Timestamp: timestamp(),
    Version: '2017-05-25',
    ...overrides,
  };
}

async function post(params: Record<string, string>, secret = KEY.accessKeySecret) {
  const signed = { ...params, Signature: rpcSignature('POST', params, secret) };
  const res = await fetch(`${sms.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(signed).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function listed(phone = PHONE) {
  const res = await fetch(`${sms.url}/__sandbox/sms/messages?phone=${phone}`);
  return ((await res.json()) as { messages: Array<Record<string, any>> }).messages;
}

describe('Aliyun SMS sandbox: SendSms', () => {
  it('R-8.2: accepts a correctly signed request, answers like Aliyun and records the message', async () => {
    const { status, body } = await post(sendSmsParams());
    expect(status).toBe(200);
    expect(body).toEqual({
      Code: 'OK',
      Message: 'OK',
      BizId: expect.stringMatching(/\^0$/),
      RequestId: expect.any(String),
    });
    const [message] = await listed();
    expect(message).toMatchObject({
      BizId: body.BizId,
      PhoneNumber: PHONE,
      SignName: '定制客运',
      TemplateCode: 'SMS_LOGIN_CODE',
      TemplateParam: { code: '123456' },
    });
  });

  it('R-8.2: refuses a request signed with the wrong secret (SignatureDoesNotMatch, HTTP 400) and records nothing', async () => {
    const { status, body } = await post(sendSmsParams(), 'not-the-secret');
    expect(status).toBe(400);
    expect(body.Code).toBe('SignatureDoesNotMatch');
    expect(await listed()).toEqual([]);
  });

  it('R-8.2: refuses a request whose parameters were changed after signing', async () => {
    const params = sendSmsParams();
    const signed = {
      ...params,
      Signature: rpcSignature('POST', params, KEY.accessKeySecret),
      PhoneNumbers: '13900139000',
    };
    const res = await fetch(`${sms.url}/`, { method: 'POST', body: new URLSearchParams(signed) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).Code).toBe('SignatureDoesNotMatch');
  });

  it('R-8.2: refuses an unknown AccessKeyId (InvalidAccessKeyId.NotFound, HTTP 404)', async () => {
    const { status, body } = await post(sendSmsParams({ AccessKeyId: 'LTAIunknown' }));
    expect(status).toBe(404);
    expect(body.Code).toBe('InvalidAccessKeyId.NotFound');
  });

  it('R-8.2: refuses a replayed SignatureNonce', async () => {
    const params = sendSmsParams();
    expect((await post(params)).body.Code).toBe('OK');
    const replay = await post(params);
    expect(replay.status).toBe(400);
    expect(replay.body.Code).toBe('SignatureNonceUsed');
    expect(await listed()).toHaveLength(1);
  });

  it('R-8.2: refuses a timestamp more than 15 minutes off', async () => {
    const late = await post(sendSmsParams({ Timestamp: timestamp(now - 16 * 60_000) }));
    expect(late.body.Code).toBe('InvalidTimeStamp.Expired');
    const early = await post(sendSmsParams({ Timestamp: timestamp(now + 16 * 60_000) }));
    expect(early.body.Code).toBe('InvalidTimeStamp.Expired');
    expect((await post(sendSmsParams({ Timestamp: timestamp(now - 14 * 60_000) }))).body.Code).toBe('OK');
  });

  it('accepts a signed GET with the parameters in the query, answering XML when Format is not given', async () => {
    const params = sendSmsParams();
    delete (params as Partial<typeof params>).Format;
    const query = new URLSearchParams({
      ...params,
      Signature: rpcSignature('GET', params, KEY.accessKeySecret),
    });
    const res = await fetch(`${sms.url}/?${query}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<SendSmsResponse>.*<Code>OK<\/Code>.*<\/SendSmsResponse>/);
  });

  it('limits one number to 1 message a minute for the same template (isv.BUSINESS_LIMIT_CONTROL)', async () => {
    expect((await post(sendSmsParams())).body.Code).toBe('OK');
    const again = await post(sendSmsParams());
    expect(again.status).toBe(200);
    expect(again.body.Code).toBe('isv.BUSINESS_LIMIT_CONTROL');
    // another template to the same number is a separate budget
    expect((await post(sendSmsParams({ TemplateCode: 'SMS_NOTICE' }))).body.Code).toBe('OK');
    now += 61_000;
    expect((await post(sendSmsParams())).body.Code).toBe('OK');
    expect((await listed()).map((m) => m.TemplateCode)).toEqual([
      'SMS_LOGIN_CODE',
      'SMS_NOTICE',
      'SMS_LOGIN_CODE',
    ]);
  });

  it('refuses an illegal mobile number, an unknown signature name and a non-string template parameter', async () => {
    expect((await post(sendSmsParams({ PhoneNumbers: '1380013800' }))).body.Code).toBe(
      'isv.MOBILE_NUMBER_ILLEGAL',
    );
    expect((await post(sendSmsParams({ SignName: '别人的签名' }))).body.Code).toBe(
      'isv.SMS_SIGNATURE_ILLEGAL',
    );
    expect((await post(sendSmsParams({ TemplateParam: '{"code":123456}' }))).body.Code).toBe(
      'isv.INVALID_JSON_PARAM',
    );
    expect((await post(sendSmsParams({ Action: 'SendBatchSms' }))).body.Code).toBe('InvalidAction.NotFound');
    expect(await listed()).toEqual([]);
  });

  it('lists messages newest first, finding +86 numbers by their 11 digits', async () => {
    await post(sendSmsParams({ PhoneNumbers: `+86${PHONE}`, TemplateParam: '{"code":"111111"}' }));
    now += 61_000;
    await post(sendSmsParams({ TemplateParam: '{"code":"222222"}' }));
    expect((await listed()).map((m) => m.TemplateParam.code)).toEqual(['222222', '111111']);
    expect(await listed('13900139000')).toEqual([]);
  });
});
