import { describe, expect, it } from 'vitest';
import { createKeyClassifier, normalizeKey } from './pii-keys.js';

const classify = createKeyClassifier();
const labelOf = (key: string) => classify(key)?.label;

describe('key classification', () => {
  it('normalises case and separators', () => {
    expect(normalizeKey('X-Amz-Access-Token')).toBe('xamzaccesstoken');
    expect(normalizeKey('address_line.1')).toBe('addressline1');
  });

  it.each([
    ['Name', 'name'],
    ['BuyerName', 'name'],
    ['buyer_name', 'name'],
    ['recipientName', 'name'],
    ['CompanyName', 'name'],
    ['BuyerLegalCompanyName', 'name'],
    ['legalName', 'name'],
    ['AddressLine1', 'address'],
    ['address_line_3', 'address'],
    ['addressLine2', 'address'],
    ['street', 'address'],
    ['City', 'address'],
    ['County', 'address'],
    ['District', 'address'],
    ['StateOrRegion', 'address'],
    ['ShippingAddress', 'address'],
    ['deliveryAddress', 'address'],
    ['DefaultShipFromLocationAddress', 'address'],
    ['AddressInstructions', 'address'],
    ['PostalCode', 'postal-code'],
    ['postal_code', 'postal-code'],
    ['zip', 'postal-code'],
    ['Phone', 'phone'],
    ['phone_number', 'phone'],
    ['mobile', 'phone'],
    ['BuyerEmail', 'email'],
    ['email', 'email'],
    ['contact-email', 'email'],
    ['GiftMessageText', 'gift-message'],
    ['giftMessage', 'gift-message'],
    ['recipient', 'buyer-info'],
    ['buyerInfo', 'buyer-info'],
    ['BuyerInfo', 'buyer-info'],
    ['buyer', 'buyer-info'],
    ['BuyerCounty', 'buyer-info'],
    ['PurchaseOrderNumber', 'buyer-info'],
    ['BuyerTaxInfo', 'tax-info'],
    ['BuyerTaxInformation', 'tax-info'],
    ['taxRegistrationNumber', 'tax-info'],
    ['access_token', 'token'],
    ['refresh_token', 'token'],
    ['restrictedDataToken', 'token'],
    ['x-amz-access-token', 'token'],
    ['X-Amz-Security-Token', 'token'],
    ['csrfToken', 'token'],
    ['NextToken', 'token'],
    ['client_secret', 'secret'],
    ['password', 'secret'],
    ['newPassword', 'secret'],
    ['totp', 'secret'],
    ['secret', 'secret'],
    ['authorization', 'secret'],
    ['Cookie', 'secret'],
    ['set-cookie', 'secret'],
    ['spapi_oauth_code', 'secret'],
    ['X-Amz-Credential', 'secret'],
    ['apiKey', 'secret'],
    ['recoveryCodes', 'secret'],
  ])('%s is %s', (key, label) => {
    expect(labelOf(key)).toBe(label);
  });

  it.each([
    'AmazonOrderId',
    'orderId',
    'MarketplaceId',
    'sellingPartnerId',
    'ASIN',
    'SellerSKU',
    'Title',
    'OrderStatus',
    'PurchaseDate',
    'CountryCode',
    'AddressType',
    'hostname',
    'fileName',
    'marketplaceName',
    'channelName',
    'eventName',
    'ipAddress',
    'remote_address',
    'requestId',
    'x-amzn-RequestId',
    'state',
    'status',
    'message',
    'level',
    'tokenType',
    'expires_in',
    'IsBuyerRequestedCancel',
    'OrderTotal',
    'Amount',
    'trackingNumber',
    'userId',
  ])('%s is not sensitive', (key) => {
    expect(classify(key)).toBeUndefined();
  });

  it('keeps error-shaped values under `code` and masks anything else', () => {
    const code = classify('code');
    expect(code?.label).toBe('code');
    for (const kept of [
      'NOT_FOUND',
      'ENOENT',
      'InvalidInput',
      'QuotaExceeded',
      'invalid_grant',
      'auth.failed',
      404,
      null,
    ]) {
      expect(code?.keeps(kept)).toBe(true);
    }
    for (const masked of [
      'ANMEWbpQkUHECPDqTfFk',
      'ANaBcDeFgH1jKlMnOpQr',
      'ABCDEFGHIJKLMNOPQRSTU',
      '123-4567',
    ]) {
      expect(code?.keeps(masked)).toBe(false);
    }
  });

  it('keeps null under every key and nothing else', () => {
    expect(classify('email')?.keeps(null)).toBe(true);
    expect(classify('email')?.keeps('')).toBe(false);
    expect(classify('email')?.keeps(0)).toBe(false);
  });

  it('adds extra keys, normalised', () => {
    const custom = createKeyClassifier(['Loyalty-Number', 'code']);
    expect(custom('loyaltyNumber')?.label).toBe('custom');
    expect(custom('code')?.keeps('NOT_FOUND')).toBe(false);
  });
});
