// Runs the seed ruleset as one DuckDB statement (seed.sql) over a JSON Lines file, timed:
//   node run.js INPUT OUTPUT [ZC_OUTPUT]
// prints "duckdb_s=…", then, given zc run's output for the same input, checks that both
// agree on the number of records and awards and on the totals of each beneficiary.
const { DuckDBInstance } = require('@duckdb/node-api');
const fs = require('fs');
const path = require('path');

async function totals(connection, file) {
  const reader = await connection.runAndReadAll(
    `SELECT count(*)::VARCHAR, sum(len(awards))::VARCHAR, sum(total_enterprise::DECIMAL(38,2))::VARCHAR,
            sum(total_park::DECIMAL(38,2))::VARCHAR
     FROM read_json('${file}', format = 'newline_delimited',
                    columns = {awards: 'JSON[]', total_enterprise: 'VARCHAR', total_park: 'VARCHAR'})`);
  const [records, awards, enterprise, park] = reader.getRows()[0];
  return { records, awards, enterprise, park };
}

async function main() {
  const [input, output, zcOutput] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: node run.js INPUT OUTPUT [ZC_OUTPUT]');
    process.exit(1);
  }
  const sql = fs.readFileSync(path.join(__dirname, 'seed.sql'), 'utf8')
    .replaceAll('{input}', input).replaceAll('{output}', output);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const start = process.hrtime.bigint();
  await connection.run(sql);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`duckdb_s=${seconds.toFixed(2)}`);
  if (!zcOutput) return;
  const ours = await totals(connection, output);
  const zc = await totals(connection, zcOutput);
  const same = JSON.stringify(ours) === JSON.stringify(zc);
  console.log(`duckdb: ${JSON.stringify(ours)}`);
  console.log(`zc:     ${JSON.stringify(zc)}`);
  console.log(same ? 'duckdb_agrees=yes' : 'duckdb_agrees=NO');
  process.exit(same ? 0 : 2);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
