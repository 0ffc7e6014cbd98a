// SPDX-License-Identifier: EUPL-1.2
//
// An independent SIA DC-09 receiver for the interoperability test (run.py): the
// receiver class of the npm package iobroker.sia (MIT, by Thorsten Stueben), used
// as a library, without the ioBroker adapter runtime around it. Liaison's sender
// (dc09-tool, built on src/dc09/) talks to it, so that our framing, CRC, padding
// and AES are judged by code we did not write.
//
// Usage: node sia_receiver.js [--host 127.0.0.1] [--port 0] [--timeout 10]
//                             [--account 1234] [--account 5678:<hex AES key>] ...
//   --port 0 lets the system pick; TCP and UDP then get different ports.
//   --timeout: the window in seconds around our clock for a message's timestamp.
// stdout, one JSON line each:
//   {"event":"ready","tcp":<port>,"udp":<port>}
//   {"event":"sia", ...the fields iobroker extracted..., "ack_hex":"<its reply>"}
// stderr: one JSON line per message it refused ({"event":"error","error":...}) and
// its own error log. It answers a refused message with a NAK (it never sends DUH).
'use strict';

const crypto = require('crypto');
const { sia: Sia } = require('iobroker.sia/build/lib/sia.js');

function parseArgs(argv) {
	const opts = { host: '127.0.0.1', port: 0, timeout: 10, accounts: [] };
	for (let i = 0; i < argv.length; i++) {
		const name = argv[i];
		const value = argv[i + 1];
		if (value === undefined) {
			throw new Error(`${name} needs a value`);
		}
		i++;
		switch (name) {
			case '--host':
				opts.host = value;
				break;
			case '--port':
				opts.port = Number(value);
				break;
			case '--timeout':
				opts.timeout = Number(value);
				break;
			case '--account': {
				// iobroker's account record: a hex key is converted by setAccounts().
				const [accountnumber, key] = value.split(':');
				opts.accounts.push(
					key ? { accountnumber, aes: true, hex: true, password: key } : { accountnumber, aes: false }
				);
				break;
			}
			default:
				throw new Error(`unknown option ${name}`);
		}
	}
	return opts;
}

function line(stream, obj) {
	stream.write(`${JSON.stringify(obj)}\n`);
}

// iobroker encrypts its *ACK with the cipher's default PKCS#7 padding on top of
// the DC-09 pad, so the plaintext ends with a whole block of 0x10 bytes after the
// timestamp, which DC-09 does not allow. Say so (ack_pkcs7), show the plaintext,
// and give the same ACK without that last ciphertext block (CBC: the blocks
// before it decrypt the same), re-framed with iobroker's own CRC function, so
// that run.py can check our decryption apart from this quirk.
function describeEncryptedAck(receiver, key, ack, msg) {
	const crcLen = msg.crcformat === 'bin' ? 2 : 4;
	const body = ack.subarray(1 + crcLen + 4, ack.length - 1).toString('latin1');
	const open = body.indexOf('[');
	const cipherHex = body.substring(open + 1);
	const algo = `aes-${key.length * 8}-cbc`;
	const decipher = crypto.createDecipheriv(algo, key, Buffer.alloc(16));
	decipher.setAutoPadding(false);
	const plain = Buffer.concat([decipher.update(Buffer.from(cipherHex, 'hex')), decipher.final()]);
	msg.ack_plain_hex = plain.toString('hex');
	const tail = plain.subarray(plain.length - 16);
	msg.ack_pkcs7 = plain.length >= 32 && tail.every((b) => b === 16);
	if (!msg.ack_pkcs7) {
		return;
	}
	const str = body.substring(0, body.length - 32);
	const crc = receiver.crc16str(str);
	const crcField =
		crcLen === 2
			? Buffer.from([crc >>> 8, crc & 255])
			: Buffer.from(crc.toString(16).toUpperCase().padStart(4, '0'));
	const len = Buffer.from(`0${str.length.toString(16).toUpperCase().padStart(3, '0')}`);
	msg.ack_trimmed_hex = Buffer.concat([
		Buffer.from('\n'),
		crcField,
		len,
		Buffer.from(str, 'latin1'),
		Buffer.from('\r'),
	]).toString('hex');
}

function main() {
	const opts = parseArgs(process.argv.slice(2));
	const logError = (msg) => line(process.stderr, { event: 'log', level: 'error', msg: String(msg) });
	const quiet = () => {};
	const receiver = new Sia({
		host: opts.host,
		port: opts.port,
		timeout: opts.timeout,
		// Close a TCP connection after the ACK instead of holding it 30 s.
		sockend: true,
		logger: { info: quiet, debug: quiet, error: logError },
	});
	const keys = {};
	for (const a of opts.accounts) {
		if (a.aes) {
			keys[a.accountnumber] = Buffer.from(a.password, 'hex');
		}
	}
	receiver.setAccounts(opts.accounts);

	// Keep the exact reply bytes with the message they answer: run.py feeds them
	// back through our reader (dc09-tool prints the body it read).
	const createACK = receiver.createACK.bind(receiver);
	receiver.createACK = (msg) => {
		const ack = createACK(msg);
		msg.ack_hex = ack.toString('hex');
		if (msg.id.startsWith('*')) {
			describeEncryptedAck(receiver, keys[msg.act], ack, msg);
		}
		return ack;
	};
	let lastNak = null;
	const createNACK = receiver.createNACK.bind(receiver);
	receiver.createNACK = (data) => {
		const nak = createNACK(data);
		lastNak = nak.toString('hex');
		return nak;
	};

	receiver.on('sia', (msg, err) => {
		if (err) {
			line(process.stderr, { event: 'error', error: String(err), nak_hex: lastNak });
			lastNak = null;
			return;
		}
		line(process.stdout, {
			event: 'sia',
			id: msg.id,
			seq: msg.seq,
			rpref: msg.rpref,
			lpref: msg.lpref,
			act: msg.act,
			data_message: msg.data_message,
			data_extended: msg.data_extended,
			ts: msg.ts,
			crcformat: msg.crcformat,
			crc: msg.crc,
			calc_crc: msg.calc_crc,
			len: msg.len,
			calc_len: msg.calc_len,
			ack_hex: msg.ack_hex,
			ack_plain_hex: msg.ack_plain_hex,
			ack_pkcs7: msg.ack_pkcs7,
			ack_trimmed_hex: msg.ack_trimmed_hex,
		});
	});
	receiver.on('error', (err) => line(process.stderr, { event: 'socket-error', error: String(err) }));

	// Both sockets are public members: wait until both listen, then say where.
	let pending = 2;
	const ready = () => {
		if (--pending === 0) {
			line(process.stdout, {
				event: 'ready',
				tcp: receiver.servertcp.address().port,
				udp: receiver.serverudp.address().port,
			});
		}
	};
	receiver.servertcp.once('listening', ready);
	receiver.serverudp.once('listening', ready);
	receiver.serverStartTCP();
	receiver.serverStartUDP();

	const stop = () => process.exit(0);
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	// run.py closes our stdin when it is done (or dies): stop then as well.
	process.stdin.on('end', stop);
	process.stdin.resume();
}

try {
	main();
} catch (err) {
	line(process.stderr, { event: 'fatal', error: String(err && err.message ? err.message : err) });
	process.exit(1);
}
