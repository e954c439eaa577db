import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { postCapture, syntheticDocument } from '../support/epcis';
import { hub } from '../support/hub';
import { sendEvents } from '../support/marketplace';

/*
 * The hostile-input corpus: what an attacker or a careless data provider sends, each input with the words its
 * refusal must contain. Inputs are generated here (documents, queries, events) or written as files into a scratch
 * folder at test time; test/hostile/corpus.test.ts sends every one and checks that nothing was stored.
 */

export type Category = 'epcis-capture' | 'graphql-arguments' | 'marketplace-webhook' | 'import-files';

/** What the hub answered: HTTP status (imports: 400 when refused, 200 when imported), and the text of its refusal. */
export interface Outcome {
  status: number;
  message: string;
  /** Stored something (a 2xx capture, an import that went in, a GraphQL answer without errors). */
  accepted: boolean;
}

export interface HostileCase {
  category: Category;
  name: string;
  /** A fragment the refusal must contain, in the words the sender reads. */
  expect: string;
  send(): Promise<Outcome>;
}

const CONTROL_CHARACTERS = [
  ...Array.from({ length: 32 }, (_, code) => code).filter((code) => code !== 0 && code !== 9 && code !== 10 && code !== 13),
  0x7f,
  ...Array.from({ length: 32 }, (_, index) => 0x80 + index),
];
const DIRECTION_MARKS = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

// --- EPCIS capture -----------------------------------------------------------------------------------------------

type Event = Record<string, unknown>;
let documentTag = 9000;

/** A valid one-event document of its own (a fresh lot), changed by `mutate`. */
function documentWith(mutate: (event: Event, document: Record<string, unknown>) => void, events = 1): Record<string, unknown> {
  const document = syntheticDocument(events, String(documentTag++));
  const list = (document.epcisBody as { eventList: Event[] }).eventList;
  mutate(list[0], document);
  return document;
}

function epcis(name: string, expect: string, body: unknown, options: Parameters<typeof postCapture>[1] = {}): HostileCase {
  return {
    category: 'epcis-capture',
    name,
    expect,
    send: async () => {
      const answer = await postCapture(body, options);
      const errors = (answer.body.errors ?? []).map((error) => String(error.message ?? error.detail ?? '')).join('\n');
      return { status: answer.status, message: `${String(answer.body.detail ?? answer.body.error ?? '')}\n${errors}`, accepted: answer.status < 300 };
    },
  };
}

function epcisCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  const lotNumber = (event: Event, text: string) => ((event.ilmd as Record<string, unknown>)['cbvmda:lotNumber'] = text);
  cases.push(epcis('NUL byte in a lot number', 'NUL byte', documentWith((event) => lotNumber(event, 'LOT\u0000-1'))));
  cases.push(epcis('NUL byte in an eventID', 'NUL byte', documentWith((event) => (event.eventID = 'urn:uuid:\u0000'))));
  for (const code of CONTROL_CHARACTERS) {
    cases.push(epcis(`control character ${hex(code)} in a lot number`, `control character ${hex(code)}`, documentWith((event) => lotNumber(event, `LOT${String.fromCharCode(code)}1`))));
  }
  for (const code of DIRECTION_MARKS) {
    cases.push(epcis(`direction mark ${hex(code)} in a lot number`, `direction mark ${hex(code)}`, documentWith((event) => lotNumber(event, `LOT${String.fromCharCode(code)}1`))));
    cases.push(epcis(`direction mark ${hex(code)} in an extension field`, `direction mark ${hex(code)}`, documentWith((event) => (event['cbvmda:note'] = `gdf${String.fromCharCode(code)}exe.txt`))));
  }
  for (const text of ['Há»£p tÃ¡c xÃ£', 'CÃ  phÃª', 'VÃ¡i thiá»u', 'Lo\uFFFDi 1', 'Nh\uFFFDn']) {
    cases.push(epcis(`wrongly decoded text "${text}"`, 'UTF-8', documentWith((event) => lotNumber(event, text))));
  }
  // Numbers JSON can carry but a quantity cannot be; 1e309 is written raw, since JSON.stringify would say null.
  const quantity = (value: number) => documentWith((event) => ((event.quantityList as Record<string, unknown>[])[0].quantity = value));
  for (const value of [-1, -0.5, 2e9, 1e12, 1e300, Number.MAX_VALUE]) cases.push(epcis(`quantity ${value}`, 'the quantity', quantity(value)));
  for (const raw of ['1e309', '-1e309', '1e400']) {
    const text = JSON.stringify(quantity(123456.789)).replace('123456.789', raw);
    cases.push(epcis(`quantity ${raw} (infinite once parsed)`, 'the quantity', text));
  }
  for (const value of ['NaN', 'Infinity', '12 kg']) cases.push(epcis(`quantity "${value}" as text`, 'should be a number', documentWith((event) => ((event.quantityList as Record<string, unknown>[])[0].quantity = value))));
  for (const [name, time] of [['2099', '2099-01-01T00:00:00+07:00'], ['next year', new Date(Date.now() + 365 * 86400_000).toISOString()], ['in two days', new Date(Date.now() + 2 * 86400_000).toISOString()], ['in three hours', new Date(Date.now() + 3 * 3600_000).toISOString()]]) {
    cases.push(epcis(`eventTime ${name}`, 'is in the future', documentWith((event) => (event.eventTime = time))));
  }
  cases.push(epcis('recordTime in 2099', 'is in the future', documentWith((event) => (event.recordTime = '2099-06-01T00:00:00Z'))));
  for (const length of [513, 5_000, 200_000]) {
    cases.push(epcis(`eventID of ${length} characters`, 'at most 512 are allowed', documentWith((event) => (event.eventID = `urn:uuid:${'a'.repeat(length)}`))));
  }
  cases.push(epcis('a bizLocation of 5,000 characters', 'at most 2048 are allowed', documentWith((event) => (event.bizLocation = { id: `urn:epc:id:sgln:8930000.99999.${'1'.repeat(5000)}` }))));
  for (const [name, change] of [['another quantity', (event: Event) => ((event.quantityList as Record<string, unknown>[])[0].quantity = 1)], ['another time', (event: Event) => (event.eventTime = '2026-06-02T00:00:00Z')], ['another step', (event: Event) => (event.bizStep = 'inspecting')]] as const) {
    cases.push(epcis(`two events with one eventID, ${name}`, 'also used by event 0', documentWith((first, document) => {
      const list = (document.epcisBody as { eventList: Event[] }).eventList;
      list[1] = { ...structuredClone(first), eventID: first.eventID };
      change(list[1]);
    }, 2)));
  }
  const valid = JSON.stringify(documentWith(() => undefined));
  for (const cut of [1, 10, 40, 80, 120, 200, 300, valid.length - 30, valid.length - 2, valid.length - 1]) {
    cases.push(epcis(`JSON cut after ${cut} characters`, 'not valid JSON', valid.slice(0, cut)));
  }
  for (const [name, body] of [['random bytes', '\u00c6\u00fd\u005c\u00f6 binary'], ['an empty body', ''], ['a trailing comma', '{"type": "EPCISDocument",}'], ['single quotes', "{'type': 'EPCISDocument'}"], ['a comment', '{/* */"type": "EPCISDocument"}']]) {
    cases.push(epcis(`${name} as the body`, 'not valid JSON', body));
  }
  for (const [name, body] of [['a list', '[]'], ['null', 'null'], ['a number', '42'], ['a string', '"EPCISDocument"']]) {
    cases.push(epcis(`${name} as the document`, 'not a JSON object', body));
  }
  cases.push(epcis('a document of another type', 'the document type must be', { type: 'EPCISMasterDataDocument' }));
  cases.push(epcis('a single event without its document', 'put it in the epcisBody.eventList', (syntheticDocument(1, 'single').epcisBody as { eventList: Event[] }).eventList[0]));
  const schemaCases: [string, string, (event: Event) => void][] = [
    ['no eventTime', 'required field "eventTime" is missing', (event) => delete event.eventTime],
    ['no eventTimeZoneOffset', 'required field "eventTimeZoneOffset" is missing', (event) => delete event.eventTimeZoneOffset],
    ['action MOVE', 'is not one of the allowed values: OBSERVE, ADD, DELETE', (event) => (event.action = 'MOVE')],
    ['a time-zone offset of +25:00', 'is not a time-zone offset', (event) => (event.eventTimeZoneOffset = '+25:00')],
    ['an eventTime without zone', 'is not a date and time with a time zone', (event) => (event.eventTime = '2026-06-01 10:00')],
    ['an eventTime of 31/02', 'is not a date and time with a time zone', (event) => (event.eventTime = '2026-02-31T10:00:00Z')],
    ['bizStep "harvest"', 'is not one of the standard values', (event) => (event.bizStep = 'harvest')],
    ['a field without namespace', 'is not an EPCIS field', (event) => (event.note = 'x')],
    ['a quantity element with an unknown key', 'is not allowed here', (event) => ((event.quantityList as Record<string, unknown>[])[0].weight = 1)],
    ['ilmd on an OBSERVE event', 'ilmd (the lot master data', (event) => (event.action = 'OBSERVE')],
    ['an unknown event type', '"HarvestEvent" is not', (event) => (event.type = 'HarvestEvent')],
    ['a readPoint that is not a URI', 'is not a URI', (event) => (event.readPoint = { id: 'kho lạnh số 2' })],
    ['a lot number of 60 characters', 'longer than 40 characters', (event) => lotNumber(event, 'L'.repeat(60))],
  ];
  for (const [name, expect, mutate] of schemaCases) cases.push(epcis(name, expect, documentWith(mutate)));
  for (const type of ['application/xml', 'text/plain', 'multipart/form-data']) {
    cases.push(epcis(`sent as ${type}`, 'application/json or application/ld+json', valid, { contentType: type }));
  }
  cases.push(epcis('GS1-Capture-Error-Behaviour: ignore', 'it can be "rollback"', valid, { headers: { 'GS1-Capture-Error-Behaviour': 'ignore' } }));
  const tooMany = `{"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-06-01T00:00:00Z","epcisBody":{"eventList":[${Array(100_001).fill('{}').join(',')}]}}`;
  cases.push(epcis('100,001 events', 'at most 100000 are taken per capture', tooMany));
  return cases;
}

// --- GraphQL arguments -------------------------------------------------------------------------------------------

async function graphql(query: string, variables: Record<string, unknown> = {}): Promise<Outcome> {
  const response = await fetch(hub().gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  const internal = body.errors?.some((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR');
  return {
    status: internal && response.status < 500 ? 500 : response.status,
    message: (body.errors ?? []).map((error) => error.message).join('\n'),
    accepted: !body.errors?.length,
  };
}

const STRING_ARGUMENTS: [field: string, argument: string, type: string, selection: string][] = [
  ['household', 'id', 'ID!', '{ id }'],
  ['province', 'code', 'String!', '{ code }'],
  ['commune', 'code', 'String!', '{ code }'],
  ['legacyCommune', 'code', 'String!', '{ code }'],
  ['growingArea', 'code', 'String!', '{ code }'],
  ['listing', 'id', 'ID!', '{ id }'],
  ['shop', 'id', 'ID!', '{ id }'],
  ['order', 'id', 'ID!', '{ id }'],
  ['censusRecord', 'householdId', 'ID!', '{ id }'],
  ['trace', 'code', 'String!', '{ lot { lotNumber } }'],
  ['lot', 'lotNumber', 'String!', '{ lotNumber }'],
];

function graphqlCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  const bad: [string, string, string][] = [
    ['NUL byte', 'HH-06463-\u000000001', 'NUL byte'],
    ['bell', 'HH\u0007', 'control character U+0007'],
    ['escape', '\u001b[31mHH', 'control character U+001B'],
    ['right-to-left override', 'HH-\u202E10036-46460', 'direction mark U+202E'],
    ['isolate', '\u2066HH\u2069', 'direction mark U+2066'],
  ];
  for (const [field, argument, type, selection] of STRING_ARGUMENTS) {
    for (const [name, value, expect] of bad) {
      cases.push({
        category: 'graphql-arguments',
        name: `${field}(${argument}:) with a ${name}, as a variable`,
        expect,
        send: () => graphql(`query ($value: ${type}) { ${field}(${argument}: $value) ${selection} }`, { value }),
      });
    }
    cases.push({
      category: 'graphql-arguments',
      name: `${field}(${argument}:) with a NUL byte written in the query`,
      expect: `argument "${argument}" contains a NUL byte`,
      send: () => graphql(`{ ${field}(${argument}: "A\\u0000B") ${selection} }`),
    });
  }
  // The literals' check is remembered per parsed document: the same text sent again must be refused again.
  cases.push({
    category: 'graphql-arguments',
    name: 'household(id:) with a NUL byte written in the query, sent a second time',
    expect: 'argument "id" contains a NUL byte',
    send: async () => {
      const query = '{ household(id: "HH\\u0000again") { id } }';
      await graphql(query);
      return graphql(query);
    },
  });
  for (const code of DIRECTION_MARKS) {
    cases.push({
      category: 'graphql-arguments',
      name: `household(id:) with the direction mark ${hex(code)}`,
      expect: `direction mark ${hex(code)}`,
      send: () => graphql('query ($id: ID!) { household(id: $id) { id } }', { id: `HH-06463${String.fromCharCode(code)}-00001` }),
    });
  }
  const syntax: [string, string][] = [
    ['an unclosed brace', '{ household(id: "HH-06463-00001") { id '],
    ['an unterminated string', '{ household(id: "HH-06463-00001) { id } }'],
    ['a stray character', '{ household(id: "HH-06463-00001") { id } } }'],
    ['a number where a name goes', '{ 42 }'],
    ['an empty query', ' '],
  ];
  for (const [name, query] of syntax) cases.push({ category: 'graphql-arguments', name: `a query with ${name}`, expect: 'Syntax Error at line 1', send: () => graphql(query) });
  cases.push({ category: 'graphql-arguments', name: 'an unknown field', expect: 'Cannot query field "passwords"', send: () => graphql('{ passwords }') });
  cases.push({ category: 'graphql-arguments', name: 'a string for a list size', expect: 'Int cannot represent', send: () => graphql('{ households(first: "all") { nodes { id } } }') });
  return cases;
}

// --- marketplace webhook -----------------------------------------------------------------------------------------

let eventNumber = 0;
function orderEvent(data: Record<string, unknown>): Record<string, unknown> {
  eventNumber += 1;
  return {
    id: `hostile-${Date.now()}-${eventNumber}`, type: 'order.placed', occurredAt: '2026-08-02T09:00:00+07:00', shopId: '104833', listingId: 'PM-104833-L1', orderId: `HOSTILE-${eventNumber}`,
    data: { quantity: 12, valueVnd: 1_080_000, orderedAt: '2026-08-02T09:00:00+07:00', destination: { country: 'VN', commune: { code: '00004' } }, ...data },
  };
}
function shopEvent(name: string): Record<string, unknown> {
  eventNumber += 1;
  return {
    id: `hostile-shop-${Date.now()}-${eventNumber}`, type: 'shop.opened', occurredAt: '2026-08-01T09:00:00+07:00', shopId: `99${String(eventNumber).padStart(4, '0')}`,
    data: { name, openedAt: '2026-08-01T09:00:00+07:00', rating: null, seller: { name: 'Nguyễn Văn An', phone: '0912 345 678', commune: { code: '00004' } } },
  };
}

function webhook(name: string, expect: string, event: Record<string, unknown>): HostileCase {
  return {
    category: 'marketplace-webhook',
    name,
    expect,
    send: async () => {
      const answer = await sendEvents('POSTMART', [event]);
      return { status: answer.status, message: `${answer.body.error ?? ''}\n${(answer.body.problems ?? []).map((problem) => `${problem.field}: ${problem.message}`).join('\n')}`, accepted: answer.status < 300 };
    },
  };
}

function webhookCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const country of ['XX', 'ZZ', 'VM', 'UK', 'EU', 'AA']) {
    cases.push(webhook(`an order to country "${country}"`, 'is not a country code of ISO 3166-1', orderEvent({ destination: { country } })));
  }
  for (const [name, text, expect] of [
    ['a NUL byte', 'Vải\u0000thiều', 'NUL byte'],
    ['a right-to-left override', 'Vải thiều \u202Eexe.gpj', 'direction mark U+202E'],
    ['a backspace', 'Vải\u0008 thiều', 'control character U+0008'],
    ['mojibake', 'Váº£i thiá»u', 'UTF-8'],
    ['a replacement character', 'V\uFFFDi thi\uFFFDu', 'UTF-8'],
  ]) cases.push(webhook(`a shop name with ${name}`, expect, shopEvent(text)));
  for (const code of [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0e, 0x1f]) {
    cases.push(webhook(`a shop name with the control character ${hex(code)}`, `control character ${hex(code)}`, shopEvent(`Vải${String.fromCharCode(code)}thiều`)));
  }
  for (const quantity of [-5, 'many']) cases.push(webhook(`an order of quantity ${quantity}`, 'quantity', orderEvent({ quantity })));
  return cases;
}

// --- files for `nongsan import` ------------------------------------------------------------------------------------

export interface FileCase extends HostileCase {
  /** The importer ("registry", "statistics") and the file it is given. */
  source: 'registry' | 'statistics';
  file: string;
  /** Writes the file when that takes asynchronous work (an XLSX). */
  prepare?(): Promise<void>;
}

const REGISTRY_HEADER = 'STT,Họ và tên chủ hộ,Số CCCD,Số điện thoại,Loại hình,Tên cơ sở/HTX,Thôn/Ấp,Xã/Phường,Xã mới,Huyện,Tỉnh,Mã xã,Quy mô,Nhóm sản phẩm,Thành viên HTX,Đã tập huấn kỹ năng số,"Đã tập huấn đóng gói, kết nối, giao hàng",Có tài khoản thanh toán,Đồng ý chia sẻ với sàn TMĐT,Ngày đăng ký,Ghi chú';

/** One household row; `name` is the cooperative's name, the column the cases spoil. */
function registryRow(number: number, name: string, village = 'Ấp 1'): string {
  const id = `0790${String(91_000_000 + number).padStart(8, '0')}`;
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  return [number, 'Trần Văn Bình', id, '', 'HTX', quote(name), quote(village), 'Xã Tân Hoa', '', 'Huyện Lục Ngạn', 'Tỉnh Bắc Giang', '', 'Lớn', 'Vải thiều', '', 'Có', 'Có', 'Có', 'Không', '25/10/2022', ''].join(',');
}

export function fileCases(folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-hostile-'))): FileCase[] {
  const cases: FileCase[] = [];
  let number = 0;
  const csv = (name: string, expect: string, spoiled: string, village?: string) => {
    number += 1;
    const file = path.join(folder, `registry-${number}.csv`);
    fs.writeFileSync(file, `\uFEFF${REGISTRY_HEADER}\n${registryRow(number * 2, 'HTX Vải thiều Tân Hoa')}\n${registryRow(number * 2 + 1, spoiled, village)}\n`);
    cases.push(fileCase('registry', file, name, expect));
  };
  csv('a NUL byte in a cooperative name', 'NUL byte', 'HTX\u0000Vải');
  // (A vertical tab or form feed is white space, read as a space like any other.)
  for (const code of [1, 7, 8, 14, 27, 127, 0x85, 0x9b]) csv(`control character ${hex(code)} in a name`, `control character ${hex(code)}`, `HTX ${String.fromCharCode(code)}Vải`);
  for (const code of DIRECTION_MARKS) csv(`direction mark ${hex(code)} in a name`, `direction mark ${hex(code)}`, `HTX Vải ${String.fromCharCode(code)}cod.exe`);
  csv('a cooperative name of 404 characters', 'is 404 characters long; at most 255', `${`HTX Vải thiều ${'Lục Ngạn '.repeat(50)}`.slice(0, 403)}n`);
  csv('a village of 5,000 characters', 'is 5000 characters long; at most 255', 'HTX Vải', 'x'.repeat(5000));
  csv('a village with a NUL byte', 'NUL byte', 'HTX Vải', 'Ấp\u00001');
  for (const text of ['Há»£p tÃ¡c xÃ£ Vải', 'HTX CÃ  phÃª', 'HTX Ä\u0090á»“ng']) csv(`mojibake "${text}"`, 'save the file as UTF-8', text);
  // The same list saved by Excel in Windows-1258: Vietnamese letters become bytes that are not UTF-8.
  for (const [index, name] of ['HTX V\xe3i thi\xeau', 'H\xd2p t\xe1c x\xe3', 'T\xf4\xf2 h\xf3p t\xe1c'].entries()) {
    const file = path.join(folder, `windows-1258-${index}.csv`);
    fs.writeFileSync(file, Buffer.concat([Buffer.from('STT,H\xf4 va\xf2 t\xean ch\xf4\xf2 h\xf4\n1,', 'latin1'), Buffer.from(name, 'latin1'), Buffer.from('\n', 'latin1')]));
    cases.push(fileCase('registry', file, `a CSV in Windows-1258 (${index + 1})`, 'is not in UTF-8'));
  }
  const xlsx = (name: string, bytes: Buffer) => {
    const file = path.join(folder, `${name.replace(/\W+/g, '-')}.xlsx`);
    fs.writeFileSync(file, bytes);
    cases.push(fileCase('registry', file, name, 'is not a readable Excel workbook'));
  };
  cases.push(formulaWorkbook(path.join(folder, 'formula-without-value.xlsx')));
  const sample = fs.readFileSync(path.join(__dirname, '..', '..', 'subgraphs', 'registry', 'ingest', 'samples', 'ho-dan-mau.xlsx'));
  for (const fraction of [0.1, 0.5, 0.9, 0.99]) xlsx(`an XLSX cut at ${fraction * 100}%`, sample.subarray(0, Math.floor(sample.length * fraction)));
  xlsx('random bytes named .xlsx', Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 2654435761) % 251)));
  xlsx('a CSV renamed .xlsx', Buffer.from(`${REGISTRY_HEADER}\n${registryRow(1, 'HTX')}\n`));
  xlsx('an empty file named .xlsx', Buffer.alloc(0));
  xlsx('a PDF named .xlsx', Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n'));
  const coffee = fs.readFileSync(path.join(__dirname, '..', '..', 'subgraphs', 'statistics', 'ingest', 'samples', 'coffee-2019-2025.sdmx-csv-2.1.csv'), 'utf8');
  const sdmx = (name: string, value: string, expect: string) => {
    number += 1;
    const file = path.join(folder, `sdmx-${number}.csv`);
    // Đắk Lắk's 2019 coffee output, 520.3 thousand tonnes, replaced by the hostile value.
    fs.writeFileSync(file, coffee.replace(',2019,520.3,', `,2019,${value},`));
    cases.push(fileCase('statistics', file, name, expect));
  };
  for (const value of ['1e300', '1e13', '9e99']) sdmx(`an SDMX value of ${value}`, value, 'is out of range');
  for (const value of ['Infinity', '1e400', '0x10', '12 t']) sdmx(`an SDMX value of "${value}"`, value, 'is not a number');
  sdmx('a negative SDMX value', '-5', 'is negative');
  return cases;
}

/** A household list whose cooperative name is a formula saved without its value (as programs, not Excel, write them). */
function formulaWorkbook(file: string): FileCase {
  const [headers, row] = parse(`${REGISTRY_HEADER}\n${registryRow(1, 'HTX')}\n`) as string[][];
  return {
    ...fileCase('registry', file, 'a formula cell with no saved value', 'formula with no saved value'),
    prepare: async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Hộ');
      sheet.addRow(headers);
      sheet.addRow(row);
      sheet.getCell('F2').value = { formula: 'CONCATENATE("HTX ","Vải")' } as ExcelJS.CellFormulaValue;
      await workbook.xlsx.writeFile(file);
    },
  };
}

function fileCase(source: FileCase['source'], file: string, name: string, expect: string): FileCase {
  return { category: 'import-files', source, file, name, expect, send: () => Promise.reject(new Error('file cases are run by the import runner')) };
}

export function networkCases(): HostileCase[] {
  return [...epcisCases(), ...graphqlCases(), ...webhookCases()];
}
