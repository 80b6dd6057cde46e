export function sendEmail(data: unknown): void {
  console.log('mail', data);
}
