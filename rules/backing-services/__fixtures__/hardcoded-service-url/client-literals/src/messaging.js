const { Kafka } = require('kafkajs');
const nodemailer = require('nodemailer');
const amqp = require('amqplib');
const knex = require('knex');

const kafka = new Kafka({ clientId: 'shop', brokers: ['kafka-1.internal:9092', process.env.EXTRA_BROKER] });
const mailer = nodemailer.createTransport({ host: 'smtp.mailhost.net', port: 587 });
const db = knex({ client: 'pg', connection: 'postgresql://shop@db.internal/shop' });

async function queue() {
  return amqp.connect('amqp://rabbit.internal');
}

module.exports = { kafka, mailer, db, queue };
