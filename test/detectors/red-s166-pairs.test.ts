/**
 * Red team 166 (a Snowflake shop with SaaS and reverse ETL, blind): a Twilio account's SID and its auth token given to a
 * function named for Twilio after the message's columns (`util.twilio_send(phone, body, 'AC…', '…')`) are the pair the
 * SDK's call gives. And red team 162's leftover: a Cosmos DB account's key in the connection string Synapse's OPENROWSET
 * takes (`Account=…;Database=…;Key=…`).
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const TOKEN = 'a086ea300e44eda28e025d5c66a253c7';

t.test("a Twilio auth token after the account's SID, the message's columns first", async (t) => {
  ruleProbe('compiled_code').finds(t, 'compiled-code', [
    [`select util.twilio_send(phone, body, 'AC4d60427ebbd953112b99d8fb5770868b', '${TOKEN}') as sid from sms`, TOKEN],
    [`select twilio_notify(to_number , msg.body, 'AC4d60427ebbd953112b99d8fb5770868b', '${TOKEN}')`, TOKEN],
  ]);
  ruleProbe('compiled_code').findsNothing(t, 'compiled-code', [
    `select util.twilio_send(phone, body, 'AC4d60427ebbd953112b99d8fb5770868b', '{{ env_var("TWILIO_AUTH_TOKEN") }}')`,
    `select util.twilio_send(phone, body, 'AC4d60427ebbd953112b99d8fb5770868b', 'SM${TOKEN.slice(2)}')`,
    // (a SID and a hash that no Twilio call gives)
    `select md5_pair('AC4d60427ebbd953112b99d8fb5770868b', '${TOKEN}')`,
  ]);
});

t.test("red team 162's leftover: a Cosmos DB account's key in the connection string Synapse's OPENROWSET takes", async (t) => {
  const key = 'CBXbrdpLXd9l/+eKIJ5wRNfiDDIctI6L88yTqqrCTrgcb9ypE+bvxikUStIpZOheFMouItsHabsQA5h2sJF+Tg==';
  ruleProbe('compiled_code').finds(t, 'compiled-code', [
    [`select * from openrowset('CosmosDB', 'Account=acmecosmos;Database=sales;Key=${key}', orders) as rows`, key],
    [`select * from openrowset(PROVIDER = 'CosmosDB', CONNECTION = 'Account=acme-cosmos;Database=sales;Region=westeurope;Key=${key}', OBJECT = 'orders')`, key],
  ]);
  ruleProbe('compiled_code').findsNothing(t, 'compiled-code', [
    `select * from openrowset('CosmosDB', 'Account=acmecosmos;Database=sales;Key={{ env_var("COSMOS_KEY") }}', orders)`,
    `select * from openrowset(PROVIDER = 'CosmosDB', CONNECTION = 'Account=acmecosmos;Database=sales', OBJECT = 'orders', CREDENTIAL = 'cosmos_cred')`,
  ]);
});
