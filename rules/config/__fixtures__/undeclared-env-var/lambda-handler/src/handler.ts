import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({ region: process.env.AWS_REGION });

export async function handler(event: { id: string }) {
  console.log(JSON.stringify({ fn: process.env.AWS_LAMBDA_FUNCTION_NAME, id: event.id }));
  const table = process.env.TABLE_NAME;
  const queue = process.env.ORDERS_QUEUE_URL;
  return { table, queue, client: Boolean(client) };
}
