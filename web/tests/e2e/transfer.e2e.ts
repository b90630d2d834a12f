// Browser tests of the customers list's Acciones menu: the filtered list downloaded as a real
// .xlsx (read back with openpyxl) and importing a CSV with a dry run that shows every bad row
// (F4), against a real running server.
//   CARTERA_URL=http://127.0.0.1:18205 CARTERA_EMAIL=owner@example.com \
//   CARTERA_PASSWORD='Secreto-123' npx vitest run --config vitest.e2e.config.ts tests/e2e/transfer.e2e.ts
// Screenshots go to $TRANSFER_SHOTS (default /tmp/transfer-shots).
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { BASE, DESKTOP, PHONE, RUN, api, apiSignIn, screenshots, shotsDir, useBrowser, usePage } from './support';

// Debian's python3 has python3-openpyxl.
const PYTHON = process.env.CARTERA_TEST_PYTHON ?? '/usr/bin/python3';
const SHOTS = shotsDir(process.env.TRANSFER_SHOTS ?? '/tmp/transfer-shots');
const execFileAsync = promisify(execFile);

const TAG = `e2e-export-${RUN.toLowerCase()}`;
const IMPORT_TAG = `e2e-import-${RUN.toLowerCase()}`;
const EXPORTED_NAME = `Ferretería Exportable ${RUN}`;

useBrowser();
const shot = screenshots({ dir: SHOTS });

async function customersTagged(tag: string): Promise<{ name: string; email: string | null }[]> {
  const list = await api<{ items: { name: string; email: string | null }[] }>(
    'GET',
    `/api/v1/customers?tag=${encodeURIComponent(tag)}&limit=200`,
  );
  return list.items;
}

/** A CSV file the way a person saves one from a spreadsheet: `;`, a BOM, Spanish headings. */
function csvFile(name: string, rows: string[][]): string {
  const path = resolve(SHOTS, name);
  writeFileSync(path, '\ufeff' + rows.map((r) => r.join(';')).join('\r\n') + '\r\n');
  return path;
}

async function openImport(page: Page): Promise<void> {
  await page.getByTestId('transfer-actions').click();
  await page.getByRole('menuitem', { name: 'Importar clientes…' }).click();
  await page.getByTestId('import-dialog').waitFor();
}

beforeAll(async () => {
  await apiSignIn();
  await api('POST', '/api/v1/customers', {
    name: EXPORTED_NAME,
    email: `exportable.${RUN.toLowerCase()}@ferreteria.example`,
    discount_percent: 12.5,
    tags: [TAG],
  });
  await api('POST', '/api/v1/customers', { name: `Otra de la lista ${RUN}`, tags: [TAG], status: 'potential' });
});

describe('customer list export and import on a desktop', () => {
  let page: Page;
  usePage(DESKTOP, (opened) => (page = opened), { timeout: 20_000 });

  test('Acciones → Lista de clientes (Excel) downloads the filtered list as a real workbook', async () => {
    await page.goto(`${BASE}/admin/customers?tag=${encodeURIComponent(TAG)}&status=current`);
    await page.getByText(EXPORTED_NAME).first().waitFor();
    await page.getByTestId('transfer-actions').click();
    const menu = page.getByRole('menu');
    await menu.waitFor();
    // The first item has the focus; arrows move through the menu.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain('Excel');
    await shot(page, 'transfer-desktop-menu');

    const downloading = page.waitForEvent('download');
    await menu.getByRole('menuitem', { name: 'Lista de clientes (Excel)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^clientes-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = resolve(SHOTS, `export-${RUN}.xlsx`);
    await download.saveAs(file);
    const { stdout } = await execFileAsync(PYTHON, [
      '-c',
      'import json,sys,openpyxl\n' +
        'ws=openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n' +
        'print(json.dumps([[c.value for c in r] for r in ws.iter_rows()], default=str))',
      file,
    ]);
    const [header, ...rows] = JSON.parse(stdout) as unknown[][];
    expect(header.slice(0, 3)).toEqual(['id', 'name', 'legal_name']);
    // The URL's filters applied: the potential customer with the same tag is not in it.
    expect(rows.map((r) => r[header.indexOf('name')])).toEqual([EXPORTED_NAME]);
    expect(rows[0][header.indexOf('discount_percent')]).toBe(12.5);
    expect(rows[0][header.indexOf('tags')]).toBe(TAG);
    expect(await menu.isVisible()).toBe(false);
  });

  test('an import with a bad row shows it and imports nothing; fixed, it imports', async () => {
    const good = `Importado Bien ${RUN}`;
    const second = `Importado Segundo ${RUN}`;
    const bad = csvFile(`import-bad-${RUN}.csv`, [
      ['Nombre', 'Correo', 'Teléfono', 'Etiquetas', 'Color favorito'],
      [good, 'bien@example.com', '+34 600 000 001', IMPORT_TAG, 'azul'],
      [second, 'esto-no-es-un-correo', '', IMPORT_TAG, ''],
    ]);
    await page.goto(`${BASE}/admin/customers`);
    await openImport(page);
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByTestId('import-file').setInputFiles(bad);
    const errors = dialog.getByTestId('import-errors');
    await errors.waitFor();
    const cells = await errors.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells).toEqual(['3', 'Correo electrónico', 'El valor no es válido.']);
    expect(await dialog.getByTestId('import-summary').textContent()).toContain('1 nuevo, 0 actualizados');
    expect(await dialog.getByTestId('import-warnings').textContent()).toContain('Color favorito');
    expect(await dialog.getByTestId('import-run').isDisabled()).toBe(true);
    await shot(page, 'transfer-desktop-import-errors');
    expect(await customersTagged(IMPORT_TAG)).toEqual([]);

    const fixed = csvFile(`import-fixed-${RUN}.csv`, [
      ['Nombre', 'Correo', 'Teléfono', 'Etiquetas', 'Color favorito'],
      [good, 'bien@example.com', '+34 600 000 001', IMPORT_TAG, 'azul'],
      [second, 'segundo@example.com', '', IMPORT_TAG, ''],
    ]);
    await dialog.getByTestId('import-file').setInputFiles(fixed);
    await expect.poll(async () => dialog.getByTestId('import-summary').textContent()).toContain('2 nuevos, 0 actualizados');
    expect(await dialog.getByTestId('import-errors').count()).toBe(0);
    const run = dialog.getByTestId('import-run');
    expect(await run.textContent()).toBe('Importar 2 clientes');
    expect(await run.isEnabled()).toBe(true);
    await shot(page, 'transfer-desktop-import-ready');
    const posted = page.waitForResponse((r) => r.url().includes('/api/v1/customers/import?dry_run=false'));
    await run.click();
    expect((await posted).status()).toBe(200);
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-dialog').count()).toBe(0);
    // The new customers are in the list (searched by name: the demo list is long).
    await page.goto(`${BASE}/admin/customers?q=${encodeURIComponent(good)}`);
    await page.getByText(good).first().waitFor();
    await shot(page, 'transfer-desktop-imported');
    const imported = await customersTagged(IMPORT_TAG);
    expect(imported.map((c) => c.name).sort()).toEqual([good, second].sort());
    expect(imported.find((c) => c.name === second)?.email).toBe('segundo@example.com');
  });
});

describe('on a phone', () => {
  let page: Page;
  usePage(PHONE, (opened) => (page = opened), { timeout: 20_000 });

  test('the menu and the import dialog fit a phone', async () => {
    await page.goto(`${BASE}/admin/customers?tag=${encodeURIComponent(TAG)}`);
    await page.getByText(EXPORTED_NAME).first().waitFor();
    await page.getByTestId('transfer-actions').click();
    const menu = page.getByRole('menu');
    await menu.waitFor();
    const box = await menu.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
    await shot(page, 'transfer-phone-menu');
    await page.keyboard.press('Escape');
    expect(await menu.count()).toBe(0);

    await openImport(page);
    const dialog = page.getByTestId('import-dialog');
    const bad = csvFile(`import-phone-${RUN}.csv`, [
      ['Nombre', 'Descuento', 'Estado'],
      [`Móvil ${RUN}`, '150', 'Potencial'],
      ['', '5', ''],
    ]);
    await dialog.getByTestId('import-file').setInputFiles(bad);
    await dialog.getByTestId('import-errors').waitFor();
    const rows = await dialog.getByTestId('import-errors').locator('tbody tr').count();
    expect(rows).toBe(2);
    const panel = await dialog.boundingBox();
    expect(panel && panel.width <= PHONE.width).toBe(true);
    await shot(page, 'transfer-phone-import-errors');
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    expect(await page.getByTestId('import-dialog').count()).toBe(0);
  });
});
