import type { ColumnSpec } from '../../../platform/ingest/columns';
import type { Candidate, ImportContext } from '../../../platform/ingest/importer';
import type { ImportProblem } from '../../../platform/ingest/problems';
import { normalisePersonName, normalisePhone, normaliseText } from '../../../platform/identity/normalise';
import type { IdentityEvidence } from '../../../platform/linking/types';
import { resolveCommune } from '../../../platform/places';

/*
 * Who holds a certificate or a growing-area code. Registers name the holder by the standard household ID (Mã hộ)
 * when they have it; otherwise by name and commune (and phone), which the registry's household matching turns
 * into a household. A holder the registry cannot settle with confidence rejects the row: an official adds the ID.
 */

export type HolderColumn = 'householdId' | 'holderName' | 'phone';
export type PlaceColumn = 'commune' | 'district' | 'province';

export const HOUSEHOLD_ID_PATTERN = /^HH-\d{5}-\d{5}$/;

export function holderColumns(holderHeaders: string[]): ColumnSpec<HolderColumn>[] {
  return [
    { key: 'householdId', headers: ['Mã hộ', 'Mã hộ SXNN', 'Mã hộ sản xuất', 'Mã định danh hộ'], required: false, description: 'Standard household ID of the holder; when absent, the holder is found by name and commune', example: 'HH-06463-00001' },
    { key: 'holderName', headers: holderHeaders, required: false, description: 'Holder (household head, cooperative, business) as written on the document; needed without Mã hộ', example: 'HTX Na Chi Lăng' },
    { key: 'phone', headers: ['Số điện thoại', 'Điện thoại', 'SĐT'], required: false, description: 'Holder\'s phone, helps find the holder without Mã hộ', example: '0912 345 678' },
  ];
}

export function placeColumns(communeRequired: boolean): ColumnSpec<PlaceColumn>[] {
  return [
    { key: 'commune', headers: ['Xã/Phường', 'Xã', 'Phường', 'Xã, phường', 'Mã xã'], required: communeRequired, description: 'Commune, by current or old name or code (before or after the July 2025 merger)', example: 'Chi Lăng' },
    { key: 'district', headers: ['Huyện', 'Quận/Huyện', 'Huyện/Thị xã'], required: false, description: 'Old district (before July 2025), to tell apart communes of the same name', example: 'Chi Lăng' },
    { key: 'province', headers: ['Tỉnh', 'Tỉnh/Thành phố', 'Tỉnh/TP'], required: false, description: 'Province, current or old, by name or code', example: 'Lạng Sơn' },
  ];
}

/** The holder as the row gives it: a household ID, or what the registry needs to find one. */
export interface HolderReference {
  householdId?: string;
  evidence?: IdentityEvidence;
  /** For messages: the name as written. */
  label?: string;
  /** The holder household's current commune, as the registry answers it (reports place certificates by it). */
  communeCode?: string;
}

/** Resolves the commune cell (with district and province) to a current commune code; a problem when it cannot. */
export function communeOf(
  cells: Record<PlaceColumn, string>,
  headers: Map<string, string>,
  row: number,
  problems: ImportProblem[],
): string | undefined {
  if (!cells.commune) return undefined;
  const isCode = /^\d{1,5}$/.test(cells.commune);
  const match = resolveCommune({
    ...(isCode ? { code: cells.commune } : { name: cells.commune }),
    district: cells.district || undefined,
    province: cells.province || undefined,
  });
  const field = headers.get('commune');
  const written = [cells.commune, cells.district, cells.province].filter(Boolean).join(', ');
  if (!match) {
    problems.push({ row, field, value: cells.commune, message: `no commune matches "${written}" (current or before July 2025); check the spelling or give the province` });
    return undefined;
  }
  if (match.split) {
    problems.push({
      row,
      field,
      value: cells.commune,
      message: `the old commune "${written}" was divided in July 2025 between ${match.units.map((unit) => `${unit.fullName} (${unit.code})`).join(' and ')}: write the current commune`,
    });
    return undefined;
  }
  return match.units[0].code;
}

/** Reads the holder of one row; the commune it names (already resolved) narrows the registry's search. */
export function holderOf(
  cells: Record<HolderColumn, string>,
  communeCode: string | undefined,
  headers: Map<string, string>,
  row: number,
  problems: ImportProblem[],
): HolderReference | undefined {
  if (cells.householdId) {
    const id = cells.householdId.trim().toUpperCase();
    if (!HOUSEHOLD_ID_PATTERN.test(id)) {
      problems.push({ row, field: headers.get('householdId'), value: cells.householdId, message: `"${cells.householdId}" is not a household ID, which looks like HH-06463-00001` });
      return undefined;
    }
    return { householdId: id };
  }
  if (!cells.holderName) {
    problems.push({
      row,
      field: headers.get('householdId') ?? headers.get('holderName') ?? 'Mã hộ',
      message: 'the holder is missing: give the household ID (Mã hộ), or the holder\'s name with the commune',
    });
    return undefined;
  }
  const evidence: IdentityEvidence = { name: normalisePersonName(normaliseText(cells.holderName)), communeCode: communeCode ?? null };
  if (cells.phone) {
    const phone = normalisePhone(cells.phone);
    if ('problem' in phone) problems.push({ row, field: headers.get('phone'), value: cells.phone, message: phone.problem });
    else evidence.phone = phone.phone;
  }
  return { evidence, label: cells.holderName };
}

/**
 * Asks the registry (one batch each) for the households of the holders given by name, then whether the households
 * given by ID exist and where every holder's household is now; an unknown ID, or a holder it cannot link with
 * confidence, becomes a problem of its row.
 */
export async function findHolders<Record extends { holder: HolderReference }>(candidates: Candidate<Record>[], context: ImportContext, field: string): Promise<void> {
  await matchHolders(candidates, context, field);
  await placeHolders(candidates, context, field);
}

async function matchHolders<Record extends { holder: HolderReference }>(candidates: Candidate<Record>[], context: ImportContext, field: string): Promise<void> {
  const pending = candidates.filter((candidate) => candidate.record && !candidate.record.holder.householdId && candidate.record.holder.evidence);
  if (pending.length === 0) return;
  if (!context.householdMatcher) {
    for (const candidate of pending) {
      candidate.problems.push({ row: candidate.row, field, value: candidate.record!.holder.label, message: 'the holder has no household ID (Mã hộ) and the household registry cannot be searched here: add the Mã hộ column' });
    }
    return;
  }
  const matches = await context.householdMatcher.match(pending.map((candidate) => candidate.record!.holder.evidence!));
  pending.forEach((candidate, index) => {
    const match = matches[index];
    const holder = candidate.record!.holder;
    if (match.status === 'LINKED' && match.householdId) holder.householdId = match.householdId;
    else if (match.status === 'REVIEW') {
      const options = match.candidates.slice(0, 3).map((option) => option.householdId).join(', ');
      candidate.problems.push({ row: candidate.row, field, value: holder.label, message: `"${holder.label}" may be any of the households ${options}: write the right one in the Mã hộ column` });
    } else {
      candidate.problems.push({ row: candidate.row, field, value: holder.label, message: `no household in the registry matches "${holder.label}" in this commune: check the name, or write the household ID (Mã hộ)` });
    }
  });
}

/**
 * Rows naming a household ID the registry does not know are refused, never stored pointing at nobody; the others
 * get the holder's current commune from the same answer.
 */
async function placeHolders<Record extends { holder: HolderReference }>(candidates: Candidate<Record>[], context: ImportContext, field: string): Promise<void> {
  const given = candidates.filter((candidate) => candidate.problems.length === 0 && candidate.record?.holder.householdId);
  if (given.length === 0) return;
  if (!context.householdDirectory) {
    for (const candidate of given) {
      candidate.problems.push({ row: candidate.row, field, value: candidate.record!.holder.householdId, message: 'the household registry cannot be asked here whether this household exists: run the import with the registry available' });
    }
    return;
  }
  const communes = await context.householdDirectory.communesOf(given.map((candidate) => candidate.record!.holder.householdId!));
  for (const candidate of given) {
    const id = candidate.record!.holder.householdId!;
    if (communes.has(id)) candidate.record!.holder.communeCode = communes.get(id);
    else candidate.problems.push({ row: candidate.row, field, value: id, message: `no household ${id} in the registry: check the household ID (Mã hộ), or give the holder's name and commune instead` });
  }
}
