import { randomBytes } from 'node:crypto';
import type { HttpRequest, HttpResponse, Route } from '../../platform/server/http';
import { acceptQuality } from '../explorer';
import { GraphUnavailableError, type GraphExecutor } from './graph';
import { digitalLinkFromPath, loadTrace, type TraceView } from './trace-data';

/**
 * The public trace page a phone opens from the QR code on a pack: GET /trace/<code> and GS1 Digital Link paths
 * (/01/<gtin>/10/<lot>...). Server-rendered, no JavaScript, small; Vietnamese, English with ?lang=en;
 * `Accept: application/json` gets the same facts as JSON.
 */
export type Lang = 'vi' | 'en';

const TEXT = {
  vi: {
    title: 'Truy xuất nguồn gốc',
    product: 'Sản phẩm',
    producer: 'Cơ sở sản xuất',
    place: 'Địa chỉ',
    growingArea: 'Mã số vùng trồng',
    brand: 'Nhãn hiệu',
    soldOn: 'Bán trên',
    lot: 'Số lô',
    harvested: 'Thu hoạch',
    quantity: 'Khối lượng lô',
    certificates: 'Chứng nhận',
    noCertificates: 'Chưa có chứng nhận.',
    validUntil: 'hiệu lực đến',
    valid: 'Còn hiệu lực',
    expired: 'Hết hiệu lực',
    journey: 'Hành trình của lô hàng',
    noEvents: 'Chưa có sự kiện nào.',
    hours: 'Từ thu hoạch đến tay người nhận',
    hoursUnit: 'giờ',
    notDelivered: 'Lô hàng chưa được giao.',
    atFarm: 'Tại nơi sản xuất',
    withdrawn: 'đã được khai báo sai',
    other: 'Sự kiện khác',
    stars: 'sao',
    notFoundTitle: 'Không tìm thấy mã này',
    notFound: 'Mã bạn quét không có trong hệ thống. Hãy kiểm tra lại mã in trên bao bì, hoặc liên hệ người bán.',
    unavailableTitle: 'Tạm thời chưa tra cứu được',
    unavailable: 'Hệ thống đang bận. Vui lòng thử lại sau ít phút.',
    toggle: 'English',
    steps: {
      commissioning: 'Thu hoạch', inspecting: 'Kiểm tra', packing: 'Đóng gói', shipping: 'Vận chuyển',
      receiving: 'Giao nhận', retail_selling: 'Bán lẻ', storing: 'Lưu kho', loading: 'Xếp hàng', departing: 'Xuất phát', arriving: 'Đến nơi',
    } as Record<string, string>,
  },
  en: {
    title: 'Product trace',
    product: 'Product',
    producer: 'Producer',
    place: 'Location',
    growingArea: 'Growing-area code',
    brand: 'Brand mark',
    soldOn: 'Sold on',
    lot: 'Lot number',
    harvested: 'Harvested',
    quantity: 'Lot quantity',
    certificates: 'Certificates',
    noCertificates: 'No certificate yet.',
    validUntil: 'valid until',
    valid: 'Valid',
    expired: 'Expired',
    journey: "The lot's journey",
    noEvents: 'No event yet.',
    hours: 'From harvest to the door',
    hoursUnit: 'hours',
    notDelivered: 'Not delivered yet.',
    atFarm: 'At the farm',
    withdrawn: 'declared erroneous',
    other: 'Other event',
    stars: 'stars',
    notFoundTitle: 'Code not found',
    notFound: 'The code you scanned is not in the hub. Check the code printed on the pack, or ask the seller.',
    unavailableTitle: 'Trace lookup unavailable',
    unavailable: 'The hub is busy. Please try again in a few minutes.',
    toggle: 'Tiếng Việt',
    steps: {
      commissioning: 'Harvest', inspecting: 'Inspection', packing: 'Packing', shipping: 'Shipping',
      receiving: 'Delivery', retail_selling: 'Retail sale', storing: 'Storage', loading: 'Loading', departing: 'Departure', arriving: 'Arrival',
    } as Record<string, string>,
  },
};

const SCHEMES: Record<string, string> = { VIETGAP: 'VietGAP', GLOBALGAP: 'GlobalGAP', ORGANIC: 'Hữu cơ / Organic', HACCP: 'HACCP', OCOP: 'OCOP', OTHER: '' };

const STYLE = `body{margin:0;font:16px/1.45 system-ui,sans-serif;color:#1d2a1f;background:#f4f7f2}
main{max-width:40rem;margin:0 auto;padding:1rem}header{display:flex;justify-content:space-between;align-items:baseline;gap:1rem}
h1{font-size:1.3rem;margin:.2rem 0}h2{font-size:1.05rem;margin:1.4rem 0 .5rem}a{color:#1f6f3a}
.card{background:#fff;border-radius:.6rem;padding:.8rem 1rem;box-shadow:0 1px 2px #0002}dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:.2rem .8rem}
dt{color:#5a6b5c}dd{margin:0}ul{padding:0;margin:0;list-style:none}.cert{padding:.4rem 0;border-bottom:1px solid #e4ebe2}.cert:last-child{border:0}
.ok{color:#1f6f3a}.ko{color:#a33}.timeline{list-style:none;padding:0 0 0 .4rem;margin:0}.timeline li{position:relative;padding:0 0 1rem 1.4rem;border-left:3px solid #8fbf97;margin-left:.4rem}
.timeline li:last-child{border-color:transparent}.timeline li::before{content:"";position:absolute;left:-.55rem;top:.2rem;width:.8rem;height:.8rem;border-radius:50%;background:#1f6f3a}
.timeline b{display:block}.muted{color:#5a6b5c;font-size:.9rem}.hours{font-size:1.6rem;font-weight:700;color:#1f6f3a}s{color:#a33}`;

export function langOf(search: string): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'vi';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** "2026-05-06T01:06:00Z" at "+07:00" -> "06/05/2026 08:06": the local time where the event happened. */
export function localTime(iso: string, offset: string, lang: Lang): string {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  const local = new Date(Date.parse(iso) + minutes * 60_000);
  const pad = (value: number) => String(value).padStart(2, '0');
  const day = `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
  const date = lang === 'en' ? `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` : day;
  return `${date} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())} (UTC${match ? offset : '+00:00'})`;
}

/** A date "YYYY-MM-DD" as the reader writes it. */
function day(date: string, lang: Lang): string {
  const [year, month, dayOfMonth] = date.split('-');
  return lang === 'en' ? date : `${dayOfMonth}/${month}/${year}`;
}

function page(lang: Lang, title: string, body: string, nonce: string, toggleHref: string): string {
  const text = TEXT[lang];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title)}: Nông sản Graph</title><style nonce="${nonce}">${STYLE}</style></head><body><main>` +
    `<header><span class="muted">${text.title} · Nông sản Graph</span><a href="${escapeHtml(toggleHref)}" hreflang="${lang === 'vi' ? 'en' : 'vi'}">${text.toggle}</a></header>` +
    `${body}</main></body></html>`;
}

export function renderTrace(view: TraceView, lang: Lang, nonce: string, toggleHref: string): string {
  const text = TEXT[lang];
  const row = (label: string, value: string | null | undefined) => (value ? `<dt>${label}</dt><dd>${escapeHtml(value)}</dd>` : '');
  const title = view.product.title ?? view.product.crop ?? view.lot.lotNumber;
  const producer = view.producer;
  const certificates = view.certificates.length
    ? `<ul>${view.certificates
        .map((certificate) => {
          const name = [SCHEMES[certificate.scheme] || certificate.scheme, certificate.stars ? `${certificate.stars} ${text.stars}` : ''].filter(Boolean).join(' ');
          const until = certificate.validUntil ? ` · ${text.validUntil} ${day(certificate.validUntil, lang)}` : '';
          const status = certificate.valid ? `<span class="ok">✓ ${text.valid}</span>` : `<span class="ko">✗ ${text.expired}</span>`;
          return `<li class="cert"><b>${escapeHtml(name)}</b> ${status}<div class="muted">${escapeHtml(certificate.number)} · ${escapeHtml(certificate.issuer)}${until}</div></li>`;
        })
        .join('')}</ul>`
    : `<p class="muted">${text.noCertificates}</p>`;
  const timeline = view.timeline.length
    ? `<ol class="timeline" id="timeline">${view.timeline
        .map((event) => {
          const label = text.steps[event.step] ?? (event.step.includes(':') ? text.other : event.step);
          const place = event.atFarm && producer ? `${text.atFarm}: ${producer.commune}, ${producer.province}` : (event.place ?? '');
          const name = event.withdrawn ? `<s>${escapeHtml(label)}</s> (${text.withdrawn})` : escapeHtml(label);
          return `<li><b>${name}</b><time datetime="${escapeHtml(event.time)}">${localTime(event.time, event.timeZoneOffset, lang)}</time><div class="muted">${escapeHtml(place)}</div></li>`;
        })
        .join('')}</ol>`
    : `<p class="muted">${text.noEvents}</p>`;
  const hours = view.lot.harvestToDeliveryHours;
  const body =
    `<h1>${escapeHtml(title)}</h1>` +
    `<section class="card"><dl>${row(text.producer, producer && `${producer.name} (${producer.kind})`)}` +
    `${row(text.place, producer && `${producer.commune}, ${producer.province}`)}${row(text.growingArea, view.growingAreaCode)}` +
    `${row(text.brand, view.product.brandMark)}${row(text.soldOn, view.product.platform)}${row(text.lot, view.lot.lotNumber)}` +
    `${row('GTIN', view.lot.gtin)}${row(text.harvested, localTime(view.lot.harvestedAt, '+07:00', lang))}` +
    `${row(text.quantity, view.lot.quantityKg === null ? null : `${view.lot.quantityKg.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')} kg`)}</dl></section>` +
    `<h2>${text.hours}</h2><p class="card" id="hours">${hours === null ? text.notDelivered : `<span class="hours">${Math.round(hours * 10) / 10}</span> ${text.hoursUnit}`}</p>` +
    `<h2>${text.journey}</h2><section class="card">${timeline}</section>` +
    `<h2>${text.certificates}</h2><section class="card">${certificates}</section>`;
  return page(lang, title, body, nonce, toggleHref);
}

function headers(nonce: string, contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'cache-control': 'public, max-age=300',
    'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    vary: 'accept',
  };
}

function wantsJson(request: HttpRequest): boolean {
  const accept = request.headers.accept;
  if (!accept) return false;
  const header = Array.isArray(accept) ? accept.join(',') : accept;
  const jsonQ = acceptQuality(header, 'application', 'json');
  return jsonQ > 0 && jsonQ > acceptQuality(header, 'text', 'html');
}

/** The same path in the other language. */
function toggleHref(request: HttpRequest, lang: Lang): string {
  const params = new URLSearchParams(request.search);
  if (lang === 'vi') params.set('lang', 'en');
  else params.delete('lang');
  const search = params.toString();
  return `${request.path}${search ? `?${search}` : ''}`;
}

async function answer(execute: GraphExecutor, request: HttpRequest, code: string): Promise<HttpResponse> {
  const lang = langOf(request.search);
  const nonce = randomBytes(12).toString('base64');
  const json = wantsJson(request);
  let view: TraceView | null;
  try {
    view = await loadTrace((query, variables) => execute(query, variables, request.requestId), code);
  } catch (error) {
    if (!(error instanceof GraphUnavailableError)) throw error;
    const text = TEXT[lang];
    if (json) return { status: 503, headers: { ...headers(nonce, 'application/json; charset=utf-8'), 'cache-control': 'no-store' }, body: JSON.stringify({ error: text.unavailable }) };
    const body = `<h1>${text.unavailableTitle}</h1><p>${text.unavailable}</p>`;
    return { status: 503, headers: { ...headers(nonce, 'text/html; charset=utf-8'), 'cache-control': 'no-store' }, body: page(lang, text.unavailableTitle, body, nonce, toggleHref(request, lang)) };
  }
  if (!view) {
    const text = TEXT[lang];
    if (json) return { status: 404, headers: headers(nonce, 'application/json; charset=utf-8'), body: JSON.stringify({ error: `No lot has the code "${code}".`, code }) };
    const body = `<h1>${text.notFoundTitle}</h1><p>${text.notFound}</p><p class="muted">${escapeHtml(code)}</p>`;
    return { status: 404, headers: headers(nonce, 'text/html; charset=utf-8'), body: page(lang, text.notFoundTitle, body, nonce, toggleHref(request, lang)) };
  }
  if (json) return { status: 200, headers: headers(nonce, 'application/json; charset=utf-8'), body: JSON.stringify(view) };
  return { status: 200, headers: headers(nonce, 'text/html; charset=utf-8'), body: renderTrace(view, lang, nonce, toggleHref(request, lang)) };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The routes the gateway adds: the hub's codes, and GS1 Digital Link URIs pointed at the hub as their resolver. */
export function traceRoutes(execute: GraphExecutor): Route[] {
  return [
    { method: 'GET', path: /^\/trace\/([^/]+)\/?$/, handle: (request, [code]) => answer(execute, request, decode(code)) },
    {
      method: 'GET',
      path: /^\/01\/(\d{8,14})\/10\/[^/]+(?:\/.*)?$/,
      handle: (request) => answer(execute, request, digitalLinkFromPath(request.path)),
    },
  ];
}
