import ExcelJS from 'exceljs';

export interface Sheet {
  name: string;
  headers: readonly string[];
  rows: (string | number)[][];
}

/** One workbook, one sheet per table, headers bold and frozen so long 台账 stay readable. */
export async function writeXlsx(file: string, sheets: Sheet[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '小巷管家';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow([...s.headers]).font = { bold: true };
    for (const r of s.rows) ws.addRow(r);
    ws.columns.forEach((c, i) => { c.width = Math.min(40, Math.max(8, String(s.headers[i] ?? '').length * 2 + 4)); });
  }
  await wb.xlsx.writeFile(file);
}
