/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * CRC-16/ARC, the checksum of a DC-09 frame's body (SIA DC-09: polynomial
 * 0x8005 processed reflected, initial value 0, no final xor). A table of 16
 * entries, one nibble at a time: small enough to check by hand, fast enough for
 * the load generator.
 */
#include "dc09/dc09.h"

/* NIBBLE[i]: the register after shifting the 4 bits of i out through 0xA001. */
static const uint16_t NIBBLE[16] = {
	0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
	0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
};

uint16_t
lia_dc09_crc(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint16_t crc = 0;
	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		crc = (uint16_t)((crc >> 4) ^ NIBBLE[crc & 0x0F]);
		crc = (uint16_t)((crc >> 4) ^ NIBBLE[crc & 0x0F]);
	}
	return crc;
}
