import { describe, expect, it } from 'vitest';
import { parseLine } from '../../src/playground/parse-line.js';
import { parsePlaygroundArgs } from '../../src/playground/parse-args.js';
import { PlaygroundError } from '../../src/playground/playground-error.js';
import { scriptLines } from '../../src/playground/replay-script.js';

describe('parseLine: what a typed line means', () => {
  it('sends slash commands, thread replies and top-level posts', () => {
    expect(parseLine('/imc plan Spring launch')).toEqual({ kind: 'slash', command: '/imc', text: 'plan Spring launch' });
    expect(parseLine('/imc')).toEqual({ kind: 'slash', command: '/imc', text: '' });
    expect(parseLine('  Moonleaf Tea  ')).toEqual({ kind: 'say', text: 'Moonleaf Tea' });
    expect(parseLine(':top Lunch?')).toEqual({ kind: 'top', text: 'Lunch?' });
    expect(parseLine('a\\nb')).toEqual({ kind: 'say', text: 'a\nb' });
    expect(parseLine('')).toEqual({ kind: 'nothing' });
  });

  it('reads numbers as clicks, but never a grouped amount such as 2,000,000 or 1,500', () => {
    expect(parseLine('3')).toEqual({ kind: 'click', numbers: [3] });
    expect(parseLine('1, 4,16')).toEqual({ kind: 'click', numbers: [1, 4, 16] });
    expect(parseLine('2,000,000')).toEqual({ kind: 'say', text: '2,000,000' });
    expect(parseLine('1,500')).toEqual({ kind: 'say', text: '1,500' });
    expect(parseLine('250000')).toEqual({ kind: 'say', text: '250000' });
    expect(parseLine('0')).toEqual({ kind: 'say', text: '0' });
    expect(parseLine(':say 3')).toEqual({ kind: 'say', text: '3' });
  });

  it('reads reactions, people, threads and clock moves', () => {
    expect(parseLine(':react last-draft :white_check_mark: as @Bob')).toEqual({ kind: 'react', add: true, message: 'last-draft', emoji: 'white_check_mark', user: 'bob' });
    expect(parseLine(':unreact #12 x')).toEqual({ kind: 'react', add: false, message: 12, emoji: 'x' });
    expect(parseLine(':as carol')).toEqual({ kind: 'as', user: 'carol' });
    expect(parseLine(':home')).toEqual({ kind: 'home' });
    expect(parseLine(':home 3')).toEqual({ kind: 'home', click: 3 });
    expect(() => parseLine(':home x')).toThrow(PlaygroundError);
    expect(parseLine(':thread #4')).toEqual({ kind: 'thread', message: 4 });
    expect(parseLine(':clock +3d')).toEqual({ kind: 'clock', move: { kind: 'by', ms: 3 * 86_400_000 } });
    expect(parseLine(':clock +2w')).toEqual({ kind: 'clock', move: { kind: 'by', ms: 14 * 86_400_000 } });
    expect(parseLine(':clock +1d 6h')).toEqual({ kind: 'clock', move: { kind: 'by', ms: 30 * 3_600_000 } });
    expect(parseLine(':clock 2027-04-15 10:00')).toEqual({ kind: 'clock', move: { kind: 'to', date: '2027-04-15', time: '10:00' } });
    expect(parseLine(':clock 2027-04-15')).toEqual({ kind: 'clock', move: { kind: 'to', date: '2027-04-15', time: '12:00' } });
    expect(parseLine(':QUIT')).toEqual({ kind: 'quit' });
  });

  it('reads :answer as a question id and the reply or click that answers it', () => {
    expect(parseLine(':answer brand  Moonleaf  Tea ')).toEqual({ kind: 'answer', questionId: 'brand', line: { kind: 'say', text: 'Moonleaf  Tea' } });
    expect(parseLine(':answer problems 2,6')).toEqual({ kind: 'answer', questionId: 'problems', line: { kind: 'click', numbers: [2, 6] } });
    expect(parseLine(':answer goals a\\nb')).toEqual({ kind: 'answer', questionId: 'goals', line: { kind: 'say', text: 'a\nb' } });
    expect(parseLine(':answer budget_available 250,000')).toEqual({ kind: 'answer', questionId: 'budget_available', line: { kind: 'say', text: '250,000' } });
  });

  it.each([
    [':answer', /:answer <question id> <reply or number>, e\.g\. :answer brand Moonleaf Tea/],
    [':answer brand', /:answer <question id> <reply or number>/],
    [':answer Brand Moonleaf', /:answer <question id> <reply or number>/],
    [':answer brand :as bob', /takes a reply or a number to click, not ":as bob"/],
    [':answer brand /imc cancel P-1', /takes a reply or a number to click/],
    [':frobnicate', /not a playground command.*:help/],
    [':as', /:as <user>, e\.g\. :as bob/],
    [':as <script>', /not a user name/],
    [':react', /e\.g\. :react last-draft white_check_mark as bob/],
    [':react 3 white_check_mark for bob', /e\.g\. :react/],
    [':react 3 <b>', /not an emoji name.*white_check_mark/],
    [':react zero x', /not a message number.*#12/],
    [':clock -1d', /:clock \+3d/],
    [':clock +0d', /:clock \+3d/],
    [':clock 2027-02-30 10:00', /not a time I can move to/],
    [':clock 2027-04-15 25:00', /not a time I can move to/],
    [':clock tomorrow', /not a time I can move to/],
    [':thread', /:thread 1/],
    ['/', /not a slash command.*\/imc plan/],
  ])('refuses %s with a way on', (line, message) => {
    expect(() => parseLine(line)).toThrow(PlaygroundError);
    expect(() => parseLine(line)).toThrow(message);
  });
});

describe('scripts and the command line', () => {
  it('skips blank lines and # comments and keeps line numbers', () => {
    expect(scriptLines('\uFEFF# title\n\n/imc plan X\r\n  # indented comment\nMoonleaf Tea\n')).toEqual([
      { lineNumber: 3, text: '/imc plan X' },
      { lineNumber: 5, text: 'Moonleaf Tea' },
    ]);
  });

  it('reads the options and names what is wrong', () => {
    expect(parsePlaygroundArgs(['--script', 'examples/spring-launch.imc', '--keep', '--now', '2026-12-01T09:00:00Z', '--tz', 'asia/shanghai'])).toEqual({
      script: 'examples/spring-launch.imc',
      keep: true,
      socketMode: false,
      help: false,
      now: new Date('2026-12-01T09:00:00Z'),
      timeZone: 'Asia/Shanghai',
    });
    expect(parsePlaygroundArgs([])).toEqual({ keep: false, socketMode: false, help: false });
    expect(parsePlaygroundArgs(['--socket-mode'])).toMatchObject({ socketMode: true });
    expect(() => parsePlaygroundArgs(['--scrpit', 'x'])).toThrow(/--scrpit[\s\S]*Usage/);
    expect(() => parsePlaygroundArgs(['--now', 'next tuesday'])).toThrow(/--now 2026-12-01T09:00:00Z/);
    expect(() => parsePlaygroundArgs(['--tz', 'Mars/Olympus'])).toThrow(/--tz Asia\/Shanghai/);
    expect(() => parsePlaygroundArgs(['--script', ' '])).toThrow(/--script needs a value/);
    expect(() => parsePlaygroundArgs(['stray'])).toThrow(PlaygroundError);
  });
});

describe('the Edit form commands', () => {
  it('reads :edit with a part or a row, :set, :submit and :cancel, and says how when malformed', () => {
    expect(parseLine(':edit')).toEqual({ kind: 'edit' });
    expect(parseLine(':edit budget')).toEqual({ kind: 'edit', part: 'budget' });
    expect(parseLine(':edit row 3')).toEqual({ kind: 'edit', row: '3' });
    expect(parseLine(':edit row NEW')).toEqual({ kind: 'edit', row: 'new' });
    expect(() => parseLine(':edit row three')).toThrow(/:edit row 3 or :edit row new/);
    expect(parseLine(':set 2 300000')).toEqual({ kind: 'set', field: 2, value: '300000' });
    expect(parseLine(':set 4 -')).toEqual({ kind: 'set', field: 4, value: '-' });
    expect(() => parseLine(':set budget 3')).toThrow(/:set <n> <value>/);
    expect(parseLine(':submit')).toEqual({ kind: 'submit' });
    expect(parseLine(':cancel')).toEqual({ kind: 'cancel-form' });
    // the thread's own word is still a reply
    expect(parseLine('cancel')).toEqual({ kind: 'say', text: 'cancel' });
  });
});
