import { GenericContainer } from 'testcontainers';
import { Client } from 'pg';
import nock from 'nock';

// Started by the other packages' integration tests, never by a deployed service.
export async function startPostgres(): Promise<Client> {
  nock.disableNetConnect();
  const container = await new GenericContainer('postgres:16').withExposedPorts(5432).start();
  const client = new Client({ host: container.getHost(), port: container.getMappedPort(5432) });
  await client.connect();
  return client;
}
