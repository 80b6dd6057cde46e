import rule from './hardcoded-credentials-in-url.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['interpolated-and-templates'],
  invalid: [
    {
      fixture: 'deploy-config',
      errors: [
        { file: '.env.production', line: 2, severity: 'error', message: 'Redis URL in REDIS_URL embeds the password of user default: rediss://default:Hj3k… (12 chars)@cache.prod.internal:6380' },
        { file: 'Dockerfile', line: 2, severity: 'error', message: 'PostgreSQL URL in Dockerfile ENV' },
        { file: 'configmap.yaml', line: 6, message: 'MongoDB URL in data.MONGO_URL' },
        { file: 'docker-compose.yml', line: 5, severity: 'warning', message: 'The host db is a service this compose file starts' },
        { file: 'docker-compose.yml', line: 6, severity: 'error', message: 'RabbitMQ URL in environment.AMQP_URL' },
      ],
    },
  ],
});
