import { S3Client } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';

export async function clientFor(profile?: string) {
  if (!profile) return new S3Client({});
  // Only users who configure a named profile need this package.
  const { fromIni } = await import('@aws-sdk/credential-provider-ini');
  return new S3Client({ credentials: fromIni({ profile }), maxAttempts: pLimit(1) ? 3 : 1 });
}
