export async function exec(sql: string): Promise<string> {
  return sql;
}
