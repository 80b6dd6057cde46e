export async function work(data: unknown): Promise<void> {
  console.log('work', data);
}
