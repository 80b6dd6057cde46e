export async function processEvent(value: Buffer | null): Promise<void> {
  console.log('event', value?.length);
}
export async function saveBatch(value: Buffer | null): Promise<void> {
  console.log('batch', value?.length);
}
