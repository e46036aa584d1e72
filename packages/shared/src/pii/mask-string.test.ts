import { describe, expect, it } from 'vitest';
import { maskString } from './masker.js';

const cases: readonly (readonly [string, string, string])[] = [
  // [what, input, expected]
  ['LWA access token', 'got Atza|IwEBIA-b_c+d/e= ok', 'got [REDACTED:lwa-access-token] ok'],
  ['LWA refresh token', 'Atzr|IwEBIxyz', '[REDACTED:lwa-refresh-token]'],
  ['restricted data token', 'rdt=Atz.sprdt|IQEBLjAsAhR', 'rdt=[REDACTED:secret]'],
  ['RDT in prose', 'using Atz.sprdt|IQEBLjAsAhR now', 'using [REDACTED:rdt] now'],
  ['URL-encoded token', 'token%3DAtza%7CIwEBabc', 'token%3D[REDACTED:lwa-access-token]'],
  ['client secret', `cs amzn1.oa2-cs.v1.${'ab12'.repeat(16)}`, 'cs [REDACTED:lwa-client-secret]'],
  [
    'client id survives',
    'amzn1.application-oa2-client.0123abcd',
    'amzn1.application-oa2-client.0123abcd',
  ],
  ['bearer', 'sent Bearer abcdefghijklmnop1234', 'sent Bearer [REDACTED:token]'],
  ['bearer prose', 'the bearer of good news', 'the bearer of good news'],
  ['basic', 'Basic dXNlcjpwYXNzd29yZA==', 'Basic [REDACTED:credentials]'],
  ['basic prose', 'Basic authentication failed', 'Basic authentication failed'],
  ['jwt', 'id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_1-2', 'id [REDACTED:jwt]'],
  ['aws key', 'key AKIAIOSFODNN7EXAMPLE used', 'key [REDACTED:aws-key] used'],
  [
    'url credentials',
    'postgres://app:s3cr3t@db.local:5432/x',
    'postgres://[REDACTED:credentials]@db.local:5432/x',
  ],
  ['email', 'from jane.doe+x@example.co.uk.', 'from [REDACTED:email].'],
  ['url-encoded email', '?to=jane%40example.com&x=1', '?to=[REDACTED:email]&x=1'],
  ['marketplace email', 'abc123def456@marketplace.amazon.de', '[REDACTED:email]'],
  ['US phone', 'call (415) 555-2671 now', 'call [REDACTED:phone] now'],
  ['US phone dashes', '415-555-2671', '[REDACTED:phone]'],
  ['+1 phone', '+1 415 555 2671', '[REDACTED:phone]'],
  ['UK phone', '020 7946 0958', '[REDACTED:phone]'],
  ['UK intl', '+44 (0)20 7946 0958', '[REDACTED:phone]'],
  ['DE phone', 'Tel 030/1234567', 'Tel [REDACTED:phone]'],
  ['DE mobile', '0151 12345678', '[REDACTED:phone]'],
  ['DE 0049', '0049 30 12345678', '[REDACTED:phone]'],
  ['JP phone', '090-1234-5678', '[REDACTED:phone]'],
  ['JP intl', '+81 3-1234-5678', '[REDACTED:phone]'],
  ['E.164', '+33123456789', '[REDACTED:phone]'],
  ['bare number after phone word', 'Phone number: 4155552671', 'Phone number: [REDACTED:phone]'],
  ['greedy phone keeps the tail', '+49 30 1234567 8901 2345', '[REDACTED:phone] 2345'],
  ['ZIP+4', 'ZIP 94107-1234', 'ZIP [REDACTED:postal-code]'],
  ['US state ZIP', 'Springfield, IL 62704', 'Springfield, IL [REDACTED:postal-code]'],
  ['UK postcode', 'London SW1A 1AA', 'London [REDACTED:postal-code]'],
  ['CA postal code', 'Ottawa K1A 0B1', 'Ottawa [REDACTED:postal-code]'],
  ['JP postal code', '〒150-0002 Tokyo', '[REDACTED:postal-code] Tokyo'],
  [
    'DE PLZ before town',
    'Hauptstraße 5, 10115 Berlin',
    '[REDACTED:address], [REDACTED:postal-code] Berlin',
  ],
  ['postal keyword', 'PLZ: 10115', 'PLZ: [REDACTED:postal-code]'],
  ['US street', 'ship to 1600 Pennsylvania Avenue', 'ship to [REDACTED:address]'],
  ['home directory', 'at /Users/Jane Doe/app.js:1:2', 'at /Users/[REDACTED:user]/app.js:1:2'],
  ['windows home', 'C:\\Users\\jdoe\\AppData', 'C:\\Users\\[REDACTED:user]\\AppData'],
];

describe('maskString: value patterns', () => {
  it.each(cases)('%s', (_what, input, expected) => {
    expect(maskString(input)).toBe(expected);
  });
});

describe('maskString: keys inside text', () => {
  it.each([
    [
      'query string',
      'phone=4155552671&name=Jane Doe&state=xyz',
      'phone=[REDACTED:phone]&name=[REDACTED:name]&state=xyz',
    ],
    [
      'form body',
      'grant_type=refresh_token&refresh_token=abc&client_id=x',
      'grant_type=refresh_token&refresh_token=[REDACTED:token]&client_id=x',
    ],
    [
      'OAuth code',
      'spapi_oauth_code=ANabc123XYZ&code=ANMEWbpQkUH3CPDqTfFk',
      'spapi_oauth_code=[REDACTED:secret]&code=[REDACTED:code]',
    ],
    [
      'error codes stay',
      'code: InvalidInput, code=NOT_FOUND, code=invalid_grant',
      'code: InvalidInput, code=NOT_FOUND, code=invalid_grant',
    ],
    ['header', 'Authorization: Basic x', 'Authorization: [REDACTED:secret]'],
    ['amz header', 'x-amz-access-token: Atza|abc', 'x-amz-access-token: [REDACTED:token]'],
    ['cookie', 'Cookie: sid=abc; theme=dark', 'Cookie: [REDACTED:secret]; theme=dark'],
    [
      'JSON text',
      '{"BuyerName":"Jane","Phone":null,"n":1',
      '{"BuyerName":"[REDACTED:name]","Phone":null,"n":1',
    ],
    ['JSON number', '{"zip":94107,"x":1', '{"zip":"[REDACTED:postal-code]","x":1'],
    [
      'nested JSON text',
      '{"ShippingAddress":{"City":"X","a":[1]},"x":1',
      '{"ShippingAddress":"[REDACTED:address]","x":1',
    ],
    [
      'escaped JSON',
      '\\"name\\":\\"Jane\\",\\"n\\":1',
      '\\"name\\":\\"[REDACTED:name]\\",\\"n\\":1',
    ],
    ['yaml-ish', "password: 'hunter2'", "password: '[REDACTED:secret]'"],
    ['unterminated', 'name: "Jane Doe', 'name: "[REDACTED:name]"'],
    ['hostname stays', 'hostname=db.internal', 'hostname=db.internal'],
  ])('%s', (_what, input, expected) => {
    expect(maskString(input)).toBe(expected);
  });
});

describe('maskString: things that must survive', () => {
  it.each([
    'order 123-1234567-1234567 and 403-5234567-1234567',
    'at 2026-01-01T12:34:56.789Z until 2026-03-27T00:00:00+09:00 on 2026-01-01',
    'request 123e4567-e89b-12d3-a456-426614174000',
    'asins B07XJ8C8F5 0316769487 3453194520',
    'amount 1234.56 EUR, 1,234.56 USD, 19940 JPY, 0.99',
    'epoch 1767225600 ms 1767225600000 item 68828574383266',
    'date 01.02.2026 10:30, version 1.2.3, ip 192.168.1.10:8080, port 8080',
    'processed 15000 Orders in 120 ms, status 429, x-amzn-RequestId',
    'marketplace ATVPDKIKX0DER seller A1DEMOSELLERNA sku ECHO-DOT-4-JP-CHARCOAL',
    'serial ED4JP-2024-ABC123456789 promo JP-WINTER-SALE-2024',
    'getOrders 0.0167/s burst 20, searchOrders 0.0056/s',
  ])('%s', (text) => {
    expect(maskString(text)).toBe(text);
  });
});

describe('maskString: embedded JSON', () => {
  it('masks JSON inside a string structurally and keeps the text around it', () => {
    const body = JSON.stringify({ errors: [{ code: 'InvalidInput', message: 'bad jane@x.com' }] });
    expect(maskString(`SP-API 400: ${body} (retry)`)).toBe(
      'SP-API 400: {"errors":[{"code":"InvalidInput","message":"bad [REDACTED:email]"}]} (retry)',
    );
  });

  it('masks keys of JSON inside JSON inside a string', () => {
    const inner = JSON.stringify({ buyerInfo: { BuyerName: 'Jane' }, id: 1 });
    const outer = JSON.stringify({ body: inner });
    expect(maskString(outer)).toBe(
      '{"body":"{\\"buyerInfo\\":\\"[REDACTED:buyer-info]\\",\\"id\\":1}"}',
    );
  });

  it('returns untouched JSON byte for byte (big numbers keep their precision)', () => {
    const text = 'ids: [12345678901234567890, 1.50]';
    expect(maskString(text)).toBe(text);
  });
});
