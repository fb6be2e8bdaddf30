/**
 * ExcelJS, loaded on first use: it adds about 28 MB to a process's memory once loaded, and most hub
 * processes never read or write a workbook (imports, the 整改台账 and the proposals export do).
 */
import type ExcelJSModule from 'exceljs';

let loading: Promise<typeof ExcelJSModule> | undefined;

export function loadExcel(): Promise<typeof ExcelJSModule> {
  return (loading ??= import('exceljs').then(
    (m) => ((m as { default?: typeof ExcelJSModule }).default ?? m) as typeof ExcelJSModule,
  ));
}
