import { foldVietnamese, nationalIdHash, normaliseNationalId, normalisePersonName, normalisePhone } from '../platform/identity/normalise';

describe('phone numbers as people write them become one E.164 number', () => {
  test.each(['0912 345 678', '0912.345.678', '+84 912 345 678', '84912345678', '(84) 912-345-678', '912345678'])('%s', (written) => {
    expect(normalisePhone(written)).toEqual({ phone: '+84912345678' });
  });

  test('a Hà Nội landline keeps its 10 national digits', () => {
    expect(normalisePhone('024 3825 1234')).toEqual({ phone: '+842438251234' });
  });

  test('an old 11-digit mobile number is refused with the reason, not guessed', () => {
    expect(normalisePhone('0166 234 5678')).toEqual({ problem: expect.stringContaining('renumbered in 2018') });
  });

  test('text that is not a number says so', () => {
    expect(normalisePhone('không có')).toEqual({ problem: expect.stringContaining('is not a phone number') });
  });
});

describe('citizen ID numbers', () => {
  test('a 12-digit CCCD and an old 9-digit CMND are accepted, spaces dropped', () => {
    expect(normaliseNationalId('001 203 004 567')).toEqual({ nationalId: '001203004567', kind: 'CCCD' });
    expect(normaliseNationalId('121 234 567')).toEqual({ nationalId: '121234567', kind: 'CMND' });
  });

  test('a wrong length or an impossible province-of-birth code is refused with the reason', () => {
    expect(normaliseNationalId('12345')).toEqual({ problem: '"12345" has 5 digits; a CCCD has 12 and an old CMND 9' });
    expect(normaliseNationalId('999203004567')).toEqual({ problem: expect.stringContaining('not a province-of-birth code') });
  });

  test('the keyed hash is stable for one key and differs with another, and never contains the number', () => {
    const hash = nationalIdHash('001203004567', 'key-a');
    expect(hash).toBe(nationalIdHash('001203004567', 'key-a'));
    expect(hash).not.toBe(nationalIdHash('001203004567', 'key-b'));
    expect(hash).not.toContain('001203004567');
  });
});

describe('names', () => {
  test('a name is stored in NFC with single spaces and capitalised words', () => {
    expect(normalisePersonName('  nguye\u0302\u0303n  văn AN ')).toBe('Nguyễn Văn An');
  });

  test('folding drops diacritics and case, đ included, for search and loose matching', () => {
    expect(foldVietnamese('Đắk  Lắk')).toBe('dak lak');
    expect(foldVietnamese('Thành phố Hà Nội')).toBe('thanh pho ha noi');
  });
});
