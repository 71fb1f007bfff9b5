import { describe, expect, it } from 'vitest';
import { parseImcCommand } from '../../../src/domain/command/imc-command.js';

describe('parseImcCommand', () => {
  it('starts a plan with or without a campaign name', () => {
    expect(parseImcCommand('plan')).toEqual({ kind: 'plan' });
    expect(parseImcCommand('plan Spring launch 2027')).toEqual({ kind: 'plan', campaign: 'Spring launch 2027' });
    expect(parseImcCommand('  PLAN   "Spring launch"  ')).toEqual({ kind: 'plan', campaign: 'Spring launch' });
  });

  it('reads plan ids case-insensitively and ignores decoration', () => {
    expect(parseImcCommand('show p-7k3q')).toEqual({ kind: 'show', planId: 'P-7K3Q' });
    expect(parseImcCommand('cancel `P-7K3Q`')).toEqual({ kind: 'cancel', planId: 'P-7K3Q' });
    expect(parseImcCommand('show ../../etc/passwd')).toEqual({ kind: 'show', planId: undefined });
  });

  it('passes budget and remind arguments through', () => {
    expect(parseImcCommand('budget ¥1,000,000 ¥1,000 1% ¥2')).toEqual({ kind: 'budget', args: ['¥1,000,000', '¥1,000', '1%', '¥2'] });
    expect(parseImcCommand('remind P-1 2027-04-15')).toEqual({ kind: 'remind', planId: 'P-1', when: '2027-04-15' });
  });

  it('answers empty and unknown input with help, naming what was not understood', () => {
    expect(parseImcCommand('')).toEqual({ kind: 'help' });
    expect(parseImcCommand('launch rockets')).toEqual({ kind: 'help', unknown: 'launch' });
  });
});
