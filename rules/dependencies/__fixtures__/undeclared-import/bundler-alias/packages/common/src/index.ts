export * from './helpers/backend';
