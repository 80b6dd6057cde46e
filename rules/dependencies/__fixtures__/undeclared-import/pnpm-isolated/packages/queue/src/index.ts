import type Redis from 'ioredis';

export const createQueue = (redis: Redis) => redis;
