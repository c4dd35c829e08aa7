// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { StatescopeError } from '@statescope/core';
import { AlertRegion } from '../app/AlertRegion.js';
import { DatasetPicker } from '../app/DatasetPicker.js';
import { parseDatasetList } from '../app/fetchDatasetList.js';
import { resolveDataParam } from '../app/resolveDataParam.js';

afterEach(() => document.body.replaceChildren());

const listed = [{ id: 'imdb' }, { id: 'reuters' }];

describe('resolveDataParam', () => {
  it('takes a listed id, and the first listed one when the parameter is absent or empty', () => {
    expect(resolveDataParam('reuters', listed)).toBe('reuters');
    expect(resolveDataParam(null, listed)).toBe('imdb');
    expect(resolveDataParam('', listed)).toBe('imdb');
    expect(resolveDataParam(null, [])).toBeNull();
  });

  it('refuses an unknown id, naming the ones there are, rather than showing another', () => {
    expect(() => resolveDataParam('x', listed)).toThrow('no dataset "x"; available: imdb, reuters');
    expect(() => resolveDataParam('x', [])).toThrow('no dataset "x"; available: none (no datasets are listed)');
  });
});

describe('parseDatasetList', () => {
  const base = new URL('http://host/app/datasets.json');

  it('resolves each src against the list, and labels by id when the label is absent', () => {
    const json = {
      datasets: [
        { id: 'imdb', label: 'IMDB reviews', src: '/data/imdb.json', files: ['imdb.bin'] },
        { id: 'mine', src: 'files/my model.json' },
      ],
    };
    expect(parseDatasetList(json, base)).toEqual([
      { id: 'imdb', label: 'IMDB reviews', src: 'http://host/data/imdb.json', files: ['imdb.bin'] },
      { id: 'mine', label: 'mine', src: 'http://host/app/files/my%20model.json' },
    ]);
  });

  it('names the field at fault', () => {
    const fault = (json: unknown) => {
      try {
        parseDatasetList(json, base);
      } catch (error) {
        expect(error).toBeInstanceOf(StatescopeError);
        return (error as StatescopeError).message;
      }
      throw new Error('accepted a bad list');
    };
    expect(fault([])).toMatch(/^field "datasets": must be a list/);
    expect(
      fault({
        datasets: [
          { id: 'a', src: 'a.json' },
          { id: 'a', src: 'b.json' },
        ],
      }),
    ).toBe('field "datasets[1].id": "a" is listed twice');
    expect(fault({ datasets: [{ id: 'a' }] })).toBe('field "datasets[0].src": must be a non-empty URL, got undefined');
    expect(fault({ datasets: [{ id: 3, src: 'a' }] })).toMatch(
      /^field "datasets\[0\]\.id": must be a non-empty string/,
    );
    expect(fault({ datasets: [{ id: 'a', src: 'a', label: 1 }] })).toMatch(/^field "datasets\[0\]\.label"/);
    expect(fault({ datasets: [{ id: 'a', src: 'a', files: 'a.bin' }] })).toBe(
      'field "datasets[0].files": must be a list of file names',
    );
  });
});

describe('DatasetPicker', () => {
  it('shows labels as text, a placeholder while nothing is shown, and replaces an entry by key', () => {
    const select = document.createElement('select');
    document.body.append(select);
    const picker = new DatasetPicker(select);
    expect(select.disabled).toBe(true);
    expect([...select.options].map((o) => o.textContent)).toEqual(['None yet']);

    picker.add({ key: 'file:a', label: '<img src=x onerror=alert(1)>.json (opened)', param: null });
    picker.add({ key: 'data:b', label: 'B', param: { name: 'data', value: 'b' }, src: 'http://host/b.json' });
    expect(select.disabled).toBe(false);
    expect(select.querySelector('img')).toBeNull();
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Choose a dataset',
      '<img src=x onerror=alert(1)>.json (opened)',
      'B',
    ]);

    picker.value = 'data:b';
    expect(select.value).toBe('data:b');
    expect(select.options).toHaveLength(2);
    picker.add({ key: 'file:a', label: 'a.json (opened)', param: null });
    expect([...select.options].map((o) => o.textContent)).toEqual(['a.json (opened)', 'B']);
    expect(select.value).toBe('data:b');
    picker.value = 'no such key';
    expect(picker.value).toBe('');
  });
});

describe('AlertRegion', () => {
  it('shows messages as text in a role="alert" region until dismissed', () => {
    const element = document.createElement('div');
    document.body.append(element);
    const alert = new AlertRegion(element);
    expect(element.getAttribute('role')).toBe('alert');
    expect(element.hidden).toBe(true);
    alert.show(['<b>one</b>', 'two']);
    expect(element.hidden).toBe(false);
    expect(element.querySelector('b')).toBeNull();
    expect(alert.messages).toEqual(['<b>one</b>', 'two']);
    element.querySelector('button')!.click();
    expect(element.hidden).toBe(true);
    expect(alert.messages).toEqual([]);
  });
});
