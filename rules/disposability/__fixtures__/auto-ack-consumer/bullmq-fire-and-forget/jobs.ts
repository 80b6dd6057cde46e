export async function handleJob(data: unknown): Promise<void> {
  console.log('job', data);
}
