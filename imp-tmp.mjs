const t0 = process.cpuUsage();
for (const m of process.argv.slice(2)) await import(m);
const u = process.cpuUsage(t0);
console.log(process.argv.slice(2).join(' '), ((u.user + u.system) / 1000).toFixed(0));
