/*
 * GS1 identifiers as EPCIS writes them, in both syntaxes the standard allows: EPC URIs (urn:epc:id:sgtin:...,
 * urn:epc:class:lgtin:...) and GS1 Digital Link URIs (https://id.gs1.org/01/<GTIN>/10/<lot>).
 */

/** A trade item, and its lot when the identifier names one. */
export interface TradeItem {
  /** GTIN-13 when its indicator digit is 0 (as printed on Vietnamese packs), else GTIN-14. */
  gtin: string;
  lotNumber?: string;
}

/** A location: a GLN, with its extension when not "0". */
export interface LocationIdentifier {
  gln: string;
  extension?: string;
}

const EPC_GTIN = /^urn:epc:(?:id:sgtin|class:lgtin|idpat:sgtin):(\d{6,12})\.(\d{1,7})\.(.+)$/;
const DIGITAL_LINK_GTIN = /^https?:\/\/[^/]+(?:\/[^?#]*?)?\/01\/(\d{8,14})(?:\/10\/([^/?#]+))?(?:\/21\/[^/?#]+)?\/?(?:[?#].*)?$/;
const EPC_SGLN = /^urn:epc:id:sgln:(\d{6,12})\.(\d{0,6})\.(.+)$/;
const DIGITAL_LINK_GLN = /^https?:\/\/[^/]+(?:\/[^?#]*?)?\/414\/(\d{13})(?:\/254\/([^/?#]+))?\/?(?:[?#].*)?$/;

/** GS1 check digit (mod 10, weights 3 and 1 from the right) of the digits before it. */
export function gs1CheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const fromRight = body.length - 1 - i;
    sum += Number(body[i]) * (fromRight % 2 === 0 ? 3 : 1);
  }
  return String((10 - (sum % 10)) % 10);
}

/** Any GTIN (8, 12, 13 or 14 digits) in the form the hub stores: GTIN-13 when it fits, else GTIN-14. */
export function canonicalGtin(digits: string): string {
  const gtin14 = digits.padStart(14, '0');
  return gtin14.startsWith('0') ? gtin14.slice(1) : gtin14;
}

/** The trade item (and lot) an EPC URI or a Digital Link names; undefined for SSCCs, GRAIs and other non-GTIN keys. */
export function tradeItemOf(uri: string): TradeItem | undefined {
  const epc = EPC_GTIN.exec(uri);
  if (epc) {
    const [, companyPrefix, indicatorAndItem, rest] = epc;
    if (companyPrefix.length + indicatorAndItem.length !== 13) return undefined;
    const body = indicatorAndItem[0] + companyPrefix + indicatorAndItem.slice(1);
    const gtin = canonicalGtin(body + gs1CheckDigit(body));
    const isLotClass = uri.startsWith('urn:epc:class:lgtin:');
    return isLotClass ? { gtin, lotNumber: decodeEpcComponent(rest) } : { gtin };
  }
  const link = DIGITAL_LINK_GTIN.exec(uri);
  if (link) {
    const [, gtin, lot] = link;
    return lot ? { gtin: canonicalGtin(gtin), lotNumber: decodeURIComponent(lot) } : { gtin: canonicalGtin(gtin) };
  }
  return undefined;
}

/**
 * The Digital Link the hub files a lot's QR code under (`https://id.gs1.org/01/<GTIN-14>/10/<lot>`), from any
 * Digital Link or EPC URI naming a GTIN and lot; undefined for anything else.
 */
export function canonicalDigitalLink(uri: string): string | undefined {
  const item = tradeItemOf(uri.trim());
  return item?.lotNumber ? digitalLinkOf(item.gtin, item.lotNumber) : undefined;
}

export function digitalLinkOf(gtin: string, lotNumber: string): string {
  return `https://id.gs1.org/01/${gtin.padStart(14, '0')}/10/${encodeURIComponent(lotNumber)}`;
}

/** The GLN an SGLN URI or a Digital Link (AI 414) names. */
export function locationOf(uri: string): LocationIdentifier | undefined {
  const epc = EPC_SGLN.exec(uri);
  if (epc) {
    const [, companyPrefix, locationReference, extension] = epc;
    if (companyPrefix.length + locationReference.length !== 12) return undefined;
    const body = companyPrefix + locationReference;
    const decoded = decodeEpcComponent(extension);
    return decoded === '0' ? { gln: body + gs1CheckDigit(body) } : { gln: body + gs1CheckDigit(body), extension: decoded };
  }
  const link = DIGITAL_LINK_GLN.exec(uri);
  if (link) {
    const [, gln, extension] = link;
    return extension ? { gln, extension: decodeURIComponent(extension) } : { gln };
  }
  return undefined;
}

/** EPC URIs escape reserved characters of serials and lots as %XX (GS1 Tag Data Standard). */
function decodeEpcComponent(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}

/** CBV values are written bare ("shipping"), as URNs or as Web URIs; the hub stores the bare name of a CBV value. */
export function bareCbvValue(value: string | undefined, kind: 'bizstep' | 'disp'): string | undefined {
  if (value === undefined) return undefined;
  const urn = `urn:epcglobal:cbv:${kind}:`;
  if (value.startsWith(urn)) return value.slice(urn.length);
  const web = /^https?:\/\/ref\.gs1\.org\/cbv\/(BizStep|Disp)-(.+)$/.exec(value);
  if (web && (web[1] === 'BizStep') === (kind === 'bizstep')) return web[2];
  return value;
}
