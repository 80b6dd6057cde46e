import * as Joi from 'joi';

// A request payload, not the environment: upper-case keys, but this file never reads process.env.
export const createOrder = Joi.object({
  SKU: Joi.string().required(),
  QTY: Joi.number().required(),
});
