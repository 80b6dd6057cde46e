export function handleOrder(body: Buffer): void {
  console.log('order', body.length);
}
