import { BarChart, LineChart, MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import './dashboard.css';
import {
  indicatorRows, indicatorsQuery, reachQuery, reachRows, tonnesOverTimeQuery, tonnesRows, type ChartQuery, type Scope,
} from './dashboard-data';
import { downloadCsv } from './download';
import { ISO_NUMERIC, vietnamGeoJson, worldGeoJson } from './maps';
import type { Json } from './table';

echarts.use([BarChart, LineChart, MapChart, ScatterChart, GeoComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);
echarts.registerMap('vietnam', vietnamGeoJson() as never);
echarts.registerMap('world', worldGeoJson() as never);

const config = JSON.parse(document.getElementById('explorer-config')?.textContent ?? '{}') as { endpoint?: string };
const endpoint = config.endpoint ?? '/graphql';
const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'vi';
const t = (vi: string, en: string) => (lang === 'en' ? en : vi);
const GREEN = '#1f6f3a';
const ARCHIPELAGOS = [
  { vi: 'Quần đảo Hoàng Sa', en: 'Hoàng Sa (Paracel) Islands', at: [112.0, 16.5] },
  { vi: 'Quần đảo Trường Sa', en: 'Trường Sa (Spratly) Islands', at: [114.0, 10.0] },
];
/** The 34 provinces with their centres (the registry's coordinates), read once. */
let allProvinces: Array<{ code: string; name: string; latitude: number | null; longitude: number | null }> = [];

async function run(chart: ChartQuery): Promise<Record<string, Json>> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(chart),
  });
  const body = (await response.json()) as { data?: Record<string, Json>; errors?: Array<{ message: string }> };
  if (!body.data || body.errors?.length) throw new Error(body.errors?.map((error) => error.message).join('; ') ?? `HTTP ${response.status}`);
  return body.data;
}

/** A chart's card: title, canvas, and its "download data" and "see the query" links. */
function card(id: string, title: string, note = ''): { element: HTMLElement; setRows(rows: Json[], chart: ChartQuery): void } {
  const element = document.createElement('section');
  element.className = 'card';
  element.id = id;
  element.innerHTML = `<h2></h2><p class="note"></p><div class="chart" data-chart="${id}"></div><nav><a href="#" class="download">${t('Tải dữ liệu (CSV)', 'Download data (CSV)')}</a> · <a class="see-query" target="_blank">${t('Xem truy vấn', 'See the query')}</a></nav>`;
  element.querySelector('h2')!.textContent = title;
  element.querySelector('.note')!.textContent = note;
  let rows: Json[] = [];
  element.querySelector('.download')!.addEventListener('click', (event) => {
    event.preventDefault();
    downloadCsv(id, rows);
  });
  return {
    element,
    setRows(next, chart) {
      rows = next;
      const params = new URLSearchParams({ query: chart.query, variables: JSON.stringify(chart.variables, null, 2) });
      if (lang === 'en') params.set('lang', 'en');
      (element.querySelector('.see-query') as HTMLAnchorElement).href = `/?${params}`;
    },
  };
}

function chartIn(section: HTMLElement): echarts.ECharts {
  const container = section.querySelector('.chart') as HTMLElement;
  return echarts.getInstanceByDom(container) ?? echarts.init(container);
}

const root = document.getElementById('dashboard')!;
root.innerHTML = `<header><h1>${t('Nông sản Graph: chỉ tiêu chương trình', 'Nông sản Graph: programme indicators')}</h1>
<form id="scope"><label>${t('Phạm vi', 'Scope')} <select name="province"><option value="">${t('Cả nước', 'Whole country')}</option></select></label>
<label>${t('Từ năm', 'From')} <input name="from" type="number" min="2020" max="2030"></label>
<label>${t('đến năm', 'to')} <input name="to" type="number" min="2020" max="2030"></label>
<button type="submit">${t('Xem', 'Show')}</button></form>
<p><a href="/">${t('Trình khám phá GraphQL', 'GraphQL explorer')}</a> · <a href="?lang=${lang === 'en' ? 'vi' : 'en'}">${lang === 'en' ? 'Tiếng Việt' : 'English'}</a></p>
<p class="status" role="status"></p></header><div class="grid"></div>`;
const grid = root.querySelector('.grid')!;
const status = root.querySelector('.status')!;
const form = root.querySelector('#scope') as HTMLFormElement;

const tonnesCard = card(
  'tonnes-over-time',
  t('Sản lượng nông sản tiêu thụ qua sàn theo quý (tấn, chỉ tiêu II.2)', 'Tonnes of produce sold via the marketplaces, by quarter (indicator II.2)'),
  t('Đơn hàng nông sản đã giao, theo ngày giao, của các gian hàng trong phạm vi.', 'Delivered produce orders, by delivery day, of the shops of the scope.'),
);
const provinceMapCard = card('provinces-map', t('Các tỉnh đã bán tới', 'Provinces reached'), t('Bong bóng đặt tại tâm mỗi tỉnh, cỡ theo số tấn.', "Bubbles on each province's centre, sized by tonnes."));
const provincesCard = card('provinces-reached', t('Tỉnh tiêu thụ (tấn)', 'Provinces reached (tonnes)'));
const worldCard = card('countries-map', t('Các nước đã bán tới', 'Countries reached'));
const countriesCard = card('countries-reached', t('Nước tiêu thụ (tấn)', 'Countries reached (tonnes)'));
const householdsCard = card(
  'households-vs-target',
  t('Hộ trên sàn so với mục tiêu (lũy kế)', 'Households on the marketplaces vs target (cumulative)'),
  t('Mục tiêu do cán bộ đặt cho phạm vi và năm, nếu không thì theo kế hoạch (tỷ lệ trên số hộ sản xuất nông nghiệp).',
    "Targets set by officials for the scope and year, else the plan's (shares of the farming households)."),
);
const indicatorsCard = card('indicators', t('Các chỉ tiêu của chương trình', "The programme's indicators"));
indicatorsCard.element.querySelector('.chart')!.className = 'table';
for (const section of [tonnesCard, provinceMapCard, provincesCard, worldCard, countriesCard, householdsCard, indicatorsCard]) grid.append(section.element);

async function renderTonnes(scope: Scope): Promise<void> {
  const chart = tonnesOverTimeQuery(scope);
  const rows = tonnesRows(scope, await run(chart));
  tonnesCard.setRows(rows, chart);
  chartIn(tonnesCard.element).setOption({
    tooltip: { trigger: 'axis' },
    grid: { left: 50, right: 20, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: rows.map((row) => row.quarter) },
    yAxis: { type: 'value', name: t('tấn', 't') },
    series: [{ type: 'line', name: t('tấn', 'tonnes'), data: rows.map((row) => row.tonnes), areaStyle: {}, color: GREEN }],
  }, true);
}

async function renderReach(scope: Scope): Promise<void> {
  const chart = reachQuery(scope);
  const { provinces, countries } = reachRows(await run(chart));
  for (const section of [provinceMapCard, provincesCard]) section.setRows(provinces as unknown as Json[], chart);
  for (const section of [worldCard, countriesCard]) section.setRows(countries as unknown as Json[], chart);
  const largest = Math.max(1, ...provinces.map((province) => province.tonnes));
  const reached = new Map(provinces.map((province) => [province.code, province]));
  chartIn(provinceMapCard.element).setOption({
    tooltip: { formatter: (item: { data: { name: string; value: number[] } }) => (item.data.value.length > 2 ? `${item.data.name}: ${item.data.value[2].toFixed(1)} t` : item.data.name) },
    // Wide enough for the Hoàng Sa and Trường Sa archipelagos, which the Natural Earth outline leaves out.
    geo: { map: 'vietnam', roam: true, boundingCoords: [[101.5, 23.8], [117.5, 8]], itemStyle: { areaColor: '#e7efe4', borderColor: '#7a9a80' } },
    series: [
      {
        // All 34 provinces: reached ones sized by tonnes, the others as small grey dots.
        type: 'scatter', coordinateSystem: 'geo',
        data: allProvinces.filter((province) => province.longitude !== null).map((province) => ({
          name: province.name,
          value: [province.longitude!, province.latitude!, reached.get(province.code)?.tonnes ?? 0],
          itemStyle: { color: reached.has(province.code) ? GREEN : '#b5c4b8' },
        })),
        symbolSize: (value: number[]) => (value[2] > 0 ? 6 + 30 * Math.sqrt(value[2] / largest) : 4),
      },
      {
        type: 'scatter', coordinateSystem: 'geo', symbol: 'diamond', symbolSize: 7, color: '#7a9a80', silent: true,
        label: { show: true, position: 'right', formatter: '{b}', color: '#5a6b5c', fontSize: 11 },
        data: ARCHIPELAGOS.map((island) => ({ name: t(island.vi, island.en), value: island.at })),
      },
    ],
  }, true);
  const top = provinces.slice(0, 15).reverse();
  chartIn(provincesCard.element).setOption({
    tooltip: {}, grid: { left: 110, right: 20, top: 10, bottom: 30 },
    xAxis: { type: 'value' }, yAxis: { type: 'category', data: top.map((province) => province.name) },
    series: [{ type: 'bar', data: top.map((province) => Math.round(province.tonnes * 10) / 10), color: GREEN }],
  }, true);
  const maxCountry = Math.max(1, ...countries.map((country) => country.tonnes));
  const names = new Map(worldGeoJson().features.map((item) => [item.properties.name, item.properties.label ?? '']));
  chartIn(worldCard.element).setOption({
    tooltip: { formatter: (item: { name: string; value: number }) => `${countries.find((country) => ISO_NUMERIC[country.country] === item.name)?.countryName ?? names.get(item.name) ?? ''}${Number.isFinite(item.value) ? `: ${item.value.toFixed(1)} t` : ''}` },
    visualMap: { min: 0, max: maxCountry, left: 10, bottom: 10, inRange: { color: ['#cfe6d2', GREEN] }, text: [t('tấn', 't'), '0'], calculable: true },
    series: [{
      type: 'map', map: 'world', roam: true, itemStyle: { areaColor: '#eeeeee', borderColor: '#bbbbbb' },
      emphasis: { label: { show: false } },
      data: countries.filter((country) => ISO_NUMERIC[country.country]).map((country) => ({ name: ISO_NUMERIC[country.country], value: country.tonnes })),
    }],
  }, true);
  chartIn(countriesCard.element).setOption({
    tooltip: {}, grid: { left: 110, right: 20, top: 10, bottom: 30 },
    xAxis: { type: 'value' }, yAxis: { type: 'category', data: [...countries].reverse().map((country) => country.countryName) },
    series: [{ type: 'bar', data: [...countries].reverse().map((country) => Math.round(country.tonnes * 10) / 10), color: GREEN }],
  }, true);
}

function formatNumber(value: number | null): string {
  return value === null ? '—' : value.toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 });
}

async function renderIndicators(scope: Scope): Promise<void> {
  const chart = indicatorsQuery(scope);
  const rows = indicatorRows(await run(chart));
  const households = rows.filter((row) => /^I\.[1-4]$/.test(row.code));
  const label = (row: { code: string; labelVi: string; labelEn: string }) => `${row.code} ${lang === 'en' ? row.labelEn : row.labelVi}`;
  const figures = households.map((row) => ({
    code: row.code,
    indicator: lang === 'en' ? row.labelEn : row.labelVi,
    cumulative: row.cumulative,
    target: row.target === null ? null : Math.round(row.target),
    completionPct: row.completionPct,
  }));
  householdsCard.setRows(figures as unknown as Json[], chart);
  chartIn(householdsCard.element).setOption({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 60, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: figures.map((figure) => figure.code) },
    yAxis: { type: 'value', name: t('hộ', 'households') },
    series: [
      // Labelled: with demo data the achieved bars are too short to read against the national targets.
      { type: 'bar', name: t('Đạt được', 'Achieved'), data: figures.map((figure) => figure.cumulative), color: GREEN, label: { show: true, position: 'top' } },
      { type: 'bar', name: t('Mục tiêu', 'Target'), data: figures.map((figure) => figure.target), color: '#c9a227', label: { show: true, position: 'top' } },
    ],
  }, true);
  indicatorsCard.setRows(rows as unknown as Json[], chart);
  const table = document.createElement('table');
  const head = [t('Chỉ tiêu', 'Indicator'), t('Đơn vị', 'Unit'), t('Trong kỳ', 'In the period'), t('Tăng trưởng', 'Growth'), t('Lũy kế', 'Cumulative'), t('Mục tiêu', 'Target'), t('Hoàn thành', 'Completion')];
  table.innerHTML = `<thead><tr>${head.map((cell) => `<th></th>`).join('')}</tr></thead><tbody></tbody>`;
  table.querySelectorAll('th').forEach((cell, index) => (cell.textContent = head[index]));
  for (const row of rows) {
    const line = table.tBodies[0].insertRow();
    line.title = row.targetNote ? `${row.note}\n${row.targetNote}` : row.note;
    const percent = (value: number | null) => (value === null ? '—' : `${formatNumber(value)} %`);
    const cells = [label(row), row.unit, formatNumber(row.achieved), percent(row.growthPct), formatNumber(row.cumulative), formatNumber(row.target), percent(row.completionPct)];
    for (const value of cells) {
      line.insertCell().textContent = value;
    }
  }
  indicatorsCard.element.querySelector('.table')!.replaceChildren(table);
}

function scopeFromForm(): Scope {
  const values = new FormData(form);
  const fromYear = Number(values.get('from')) || 2025;
  const toYear = Math.max(fromYear, Math.min(fromYear + 2, Number(values.get('to')) || fromYear));
  return { provinceCode: String(values.get('province') ?? '') || null, fromYear, toYear };
}

async function render(): Promise<void> {
  const scope = scopeFromForm();
  status.textContent = t('Đang tải…', 'Loading…');
  document.body.dataset.ready = 'loading';
  const results = await Promise.allSettled([renderTonnes(scope), renderReach(scope), renderIndicators(scope)]);
  const failed = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
  status.textContent = failed.length ? `${t('Lỗi', 'Error')}: ${failed.map((result) => (result.reason as Error).message).join('; ')}` : '';
  document.body.dataset.ready = failed.length ? 'error' : 'yes';
}

async function start(): Promise<void> {
  const thisYear = new Date().getUTCFullYear();
  (form.elements.namedItem('from') as HTMLInputElement).value = String(thisYear - 1);
  (form.elements.namedItem('to') as HTMLInputElement).value = String(thisYear);
  const data = await run({ query: '{ provinces { code name latitude longitude } }', variables: {} });
  allProvinces = data.provinces as unknown as typeof allProvinces;
  const select = form.elements.namedItem('province') as HTMLSelectElement;
  for (const province of allProvinces) select.add(new Option(province.name, province.code));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void render();
  });
  window.addEventListener('resize', () => grid.querySelectorAll<HTMLElement>('.chart').forEach((element) => echarts.getInstanceByDom(element)?.resize()));
  await render();
}

void start();
