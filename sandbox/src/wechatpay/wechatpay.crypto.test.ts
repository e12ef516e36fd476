import { X509Certificate } from 'crypto';
import {
  decryptResource,
  encryptResource,
  generateRsaKeyPair,
  merchantAuthorization,
  parseAuthorization,
  randomSerial,
  requestMessage,
  selfSignedCertificate,
  verifySha256WithRsa,
} from './wechatpay.crypto';

describe('WeChat Pay sandbox: crypto helpers', () => {
  it('R-6.2.4: the request message is METHOD\\nPATH?QUERY\\nTIMESTAMP\\nNONCE\\nBODY\\n, and the Authorization header carries the five fields', () => {
    expect(requestMessage('get', '/v3/certificates', '1554208460', '593BEC0C930BF1AFEB40B4A08C8FB242', '')).toBe('GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n');
    const keys = generateRsaKeyPair();
    const header = merchantAuthorization({ mchid: '1900000001', serialNo: 'ABC123', privateKey: keys.privateKeyPem, method: 'POST', pathAndQuery: '/v3/x', body: '{}', timestamp: '1554208460', nonce: 'N0NCE' });
    expect(header.startsWith('WECHATPAY2-SHA256-RSA2048 mchid="1900000001",nonce_str="N0NCE",signature="')).toBe(true);
    const fields = parseAuthorization(header)!;
    expect(fields).toMatchObject({ mchid: '1900000001', nonce_str: 'N0NCE', timestamp: '1554208460', serial_no: 'ABC123' });
    expect(verifySha256WithRsa(keys.publicKeyPem, requestMessage('POST', '/v3/x', '1554208460', 'N0NCE', '{}'), fields.signature)).toBe(true);
    expect(parseAuthorization('Bearer x')).toBeNull();
    expect(parseAuthorization('WECHATPAY2-SHA256-RSA2048 mchid="1"')).toBeNull();
  });

  it('R-6.2.4: AEAD_AES_256_GCM round-trips with the APIv3 key; the associated data and the key are checked', () => {
    const key = '0123456789abcdef0123456789abcdef';
    const r = encryptResource(key, '{"a":1}', 'transaction');
    expect(r.nonce).toHaveLength(12);
    expect(decryptResource(key, r)).toBe('{"a":1}');
    expect(() => decryptResource(key, { ...r, associated_data: 'refund' })).toThrow();
    expect(() => decryptResource('f'.repeat(32), r)).toThrow();
  });

  it('R-6.2.4: the platform certificate is a valid self-signed X.509 with the configured serial', () => {
    const keys = generateRsaKeyPair();
    const serial = randomSerial();
    const cert = new X509Certificate(selfSignedCertificate({ privateKey: keys.privateKeyPem, serialHex: serial, notBefore: new Date(), notAfter: new Date(Date.now() + 86400_000) }));
    expect(cert.serialNumber).toBe(serial);
    expect(cert.subject).toContain('CN=Tenpay.com');
    expect(cert.verify(cert.publicKey)).toBe(true);
  });
});
