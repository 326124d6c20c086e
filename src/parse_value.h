/* parse_value.h - one CSV field to a number, in the C locale. */
#ifndef AIGROWTH_PARSE_VALUE_H
#define AIGROWTH_PARSE_VALUE_H

#include <stddef.h>

typedef enum { VALUE_OK = 0, VALUE_MISSING = 1, VALUE_ERROR = -1 } ValueStatus;

/* What a value says of itself beside its number: 約70億 is about 7e9,
 * 逾1000萬 and 5億以上 are at least (or more than) theirs. */
typedef enum {
    VALUE_EXACT = 0,
    VALUE_ABOUT = 1,      /* 約 约 大約 近 將近 左右 ~ ≈ */
    VALUE_AT_LEAST = 2    /* 逾 超過 超过 以上 > >= ≥ */
} ValueQualifier;

/* Parses a number as people paste it from articles and spreadsheets:
 *   7000000000  7e9  7,000,000,000  $7B  US$ 7 bn  USD 24bn  $300 billion
 *   800M  1.5T  12.5%  €11.7B  -$5M
 *   5000億  80萬  1.5兆美元  3500億美金  5000億元  8億人  NT$300億
 *   新台幣300億元  HK$50億  約70億美元  >5億美元  5億美元以上  ５０００億
 * Multipliers: k thousand, M m mn mm million, B b bn billion, T tn
 * trillion, 萬/万 1e4, 百萬 1e6, 千萬 1e7, 億/亿 1e8, 百億 1e10, 千億
 * 1e11, 兆 and 萬億/万亿 1e12 (兆 as Taiwanese and financial Chinese use
 * it, never the SI mega). Currencies, before the number: $ US$ USD € EUR
 * £ GBP CNY RMB 人民幣 JPY NT$ NTD TWD 新台幣 台幣 HK$ HKD; after it (or
 * after the multiplier): the codes, 美元 美金 人民幣 新台幣 台幣 港元
 * 港幣 日圓 日元 歐元 英鎊 (simplified spellings too), and 元, which
 * names no currency: alone it leaves the unit "", after a prefix it is the
 * prefix's (新台幣300億元 is TWD). A counter after the number, 人 名 戶
 * 户 家, makes a count (unit ""). Full-width digits and signs (５０００
 * ． ， ％ ＄) and the ideographic space read as their ASCII forms.
 * decimal is '.' (then ',' may group thousands in threes) or ',' (files
 * delimited by ';': "3.700,5"; a lone "3.700" is refused as ambiguous,
 * "1.5" still reads as 1.5).
 * *unit is set to a static string naming what the text says: "USD",
 * "EUR", "GBP", "CNY", "JPY", "TWD", "HKD", "%" or "" (unit may be NULL);
 * 12.5% gives 12.5, not 0.125. Empty, NA, N/A, #N/A, n.a., -, —, –, null
 * are VALUE_MISSING. Anything else that is not a finite number is
 * VALUE_ERROR with a reason and a fix in why; a near miss (1.5兆美金元,
 * 1.5 trillion yuan, 逾5億以上) is told its nearest accepted form, the
 * form for a unit column and the digits. Independent of the process
 * locale.
 * The trap: parse_value accepts a marked value (約70億) and drops the
 * marker; callers that keep it use parse_value_qualified. */
ValueStatus parse_value(const char *text, char decimal, double *value,
                        const char **unit, char *why, size_t why_size);

/* parse_value, also setting *qualifier (may be NULL) from one marker
 * before the number (約 近 逾 超過 > ≥ ...) or at the end (以上 左右);
 * VALUE_EXACT without one. Two markers are refused. */
ValueStatus parse_value_qualified(const char *text, char decimal,
                                  double *value, const char **unit,
                                  ValueQualifier *qualifier, char *why,
                                  size_t why_size);

#endif
