import { toCsv, type Json } from './table';

/** Saves text as a file through the browser's download (no server round trip). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadCsv(baseName: string, rows: Json[]): void {
  downloadText(`${baseName}.csv`, toCsv(rows), 'text/csv;charset=utf-8');
}

export function downloadJson(baseName: string, value: Json): void {
  downloadText(`${baseName}.json`, `${JSON.stringify(value, null, 2)}\n`, 'application/json;charset=utf-8');
}
