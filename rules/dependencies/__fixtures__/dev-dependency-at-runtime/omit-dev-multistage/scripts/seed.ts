import dayjs from 'dayjs';

export const seededAt = dayjs().toISOString();
