import { planSuppression } from "~/lib/reports/suppression-plan";
const wards = Array.from({ length: 53 }, (_, i) => ({ id: i + 1, gssCode: `E0${i}`, name: `W${i}`, nameCy: null }));
const periods = Array.from({ length: 27 }, (_, i) => ({ id: i + 1, label: `P${i}`, startsOn: `20${20 + Math.floor(i / 4)}-0${1 + (i % 4) * 2}-01` }));
let seed = 7; const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
for (const scale of [1, 0.1]) {
  const narrow: any[] = [], wide: any[] = [];
  for (const w of wards) for (const p of periods.slice(-12)) {
    const n = Math.floor(rnd() * 120 * scale), e = Math.floor(rnd() * 40 * scale);
    if (n > 0) narrow.push({ indicatorId: 1, wardId: w.id, periodId: p.id, numerator: Math.floor(n / 2), base: n, sources: ["Web"] });
    if (n + e > 0) wide.push({ indicatorId: 1, wardId: w.id, periodId: p.id, numerator: Math.floor((n + e) / 2), base: n + e, sources: ["Web"] });
  }
  const t0 = performance.now();
  const plan = planSuppression(wards, periods, { narrow, wide }, 50);
  const ms = performance.now() - t0;
  let hidden = 0, total = 0;
  for (let t = 16; t <= 27; t++) for (const wording of ["narrow", "wide"] as const) for (const len of [1, 4]) {
    const c = plan.cells({ label: "", periods: periods.slice(t - len, t) }, wording);
    for (const x of c.wards) { total++; if (x.suppression.reason === "complementary") hidden++; }
  }
  console.log(`scale ${scale}: one indicator's plan ${ms.toFixed(0)} ms; complementary ${hidden}/${total}`);
}
