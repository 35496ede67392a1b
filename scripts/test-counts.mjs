#!/usr/bin/env node
// scripts/test-counts.mjs — read a suite's results and print "PASSED FAILED" for scripts/test.sh.
//
//   node scripts/test-counts.mjs meson build/meson-logs/testlog.json
//     Per meson test: the sum of cmocka's "[  PASSED  ] N test(s)." / "[  FAILED  ] N test(s)"
//     lines; a test that printed no cmocka summary counts 1 by its meson result; a test
//     whose process failed (crash, sanitizer report at exit, timeout) with no cmocka
//     failure counted adds 1 failure. Failed tests are listed on stderr.
//   node scripts/test-counts.mjs tap FILE
//     node --test TAP: the last top-level "# pass N", "# fail N" and "# cancelled N".
// Exits 1 (printing nothing on stdout) when the file is missing or holds no counts.
import { readFileSync } from 'node:fs';

const [mode, file] = process.argv.slice(2);
let text;
try {
  text = readFileSync(file, 'utf8');
} catch {
  process.exit(1);
}

function sum(re, s) {
  let n = 0;
  for (const m of s.matchAll(re)) n += Number(m[1]);
  return n;
}

if (mode === 'meson') {
  let pass = 0;
  let fail = 0;
  let tests = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let t;
    try {
      t = JSON.parse(line);
    } catch {
      continue;
    }
    tests++;
    const out = `${t.stdout ?? ''}\n${t.stderr ?? ''}`;
    const p = sum(/^\[\s*PASSED\s*\]\s+(\d+)\s+test/gm, out);
    const f = sum(/^\[\s*FAILED\s*\]\s+(\d+)\s+test/gm, out);
    const hasCmocka = /^\[\s*(PASSED|FAILED)\s*\]\s+\d+\s+test/m.test(out);
    const ok = ['OK', 'SKIP', 'EXPECTEDFAIL'].includes(t.result);
    let tf = 0;
    if (hasCmocka) {
      pass += p;
      tf = f;
      if (!ok && f === 0) tf = 1;
    } else if (t.result === 'OK' || t.result === 'EXPECTEDFAIL') {
      pass += 1;
    } else if (t.result !== 'SKIP') {
      tf = 1;
    }
    fail += tf;
    if (tf) process.stderr.write(`  failed: ${t.name} (${t.result}, ${tf} failure(s))\n`);
  }
  if (tests === 0) process.exit(1);
  console.log(`${pass} ${fail}`);
} else if (mode === 'tap') {
  const last = (name) => {
    const all = [...text.matchAll(new RegExp(`^# ${name} (\\d+)\\s*$`, 'gm'))];
    return all.length ? Number(all[all.length - 1][1]) : null;
  };
  const pass = last('pass');
  const fail = last('fail');
  if (pass === null || fail === null) process.exit(1);
  console.log(`${pass} ${fail + (last('cancelled') ?? 0)}`);
} else {
  console.error('usage: test-counts.mjs meson|tap FILE');
  process.exit(2);
}
