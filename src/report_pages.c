/* report_pages.c - the chart pages, "What changed", the method
 * section and the cover. */
#include "report_pages.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "report_captions.h"
#include "report_labels.h"
#include "text_flow.h"
#include "theme.h"
#include "util.h"

/* ---- chart pages ------------------------------------------------------- */

void report_pages_chart(Doc *d, size_t index)
{
    const Geometry *g = &d->g;
    const ReportChart *ch = &d->rc->charts[index];
    size_t p = doc_page_add(d, g->cw, g->ch);
    Page *pg = &d->pages[p];
    Scene *sc = pg->sc;
    double W = g->cw, H = g->ch;
    double margin = g->slides ? g->margin : 40;
    const char *title =
        ch->title && ch->title[0] ? ch->title : L(d, "Chart", "圖表");
    char head[600], buf[600];
    doc_toc_add(d, title, p, 1);

    double top;
    if (g->slides) {
        top = 22;
    } else {
        /* the number only: the chart's own title follows right below */
        snprintf(head, sizeof head, L(d, "Chart %zu of %zu", "圖%zu／%zu"),
                 index + 1, d->rc->n_charts);
        text_flow_fit(d->fs, head, FONT_BOLD, 10, W - 2 * margin, buf,
                      sizeof buf);
        add_text(sc, margin, 54, buf, 10, FONT_BOLD, ANCHOR_START,
                 THEME_INK_SOFT);
        top = 64;
    }
    /* Caption first: the chart takes the height that is left. */
    char caption[4096];
    report_caption(d, ch, caption, sizeof caption);
    double cap_size = g->slides ? 14 : 10.5, lead = cap_size * 1.4;
    char lines[8][TEXT_FLOW_LINE];
    size_t n = caption[0] ? text_flow_lines(d->fs, caption, FONT_REGULAR,
                                            cap_size, W - 2 * margin, lines, 8)
                          : 0;
    double foot = g->slides ? 40 : 58;
    double cap_h = n ? (double)n * lead + 6 : 0;
    double bw = W - 2 * margin, bh = H - top - foot - cap_h;
    double cw, chh;
    report_chart_size(ch, &cw, &chh);
    if ((ch->scene || ch->lay_out) && cw > 0 && chh > 0) {
        double s = fmin(bw / cw, bh / chh);
        bh = chh * s;
        pg->chart = ch;
        pg->bx = margin;
        pg->btop = top;
        pg->bw = bw;
        pg->bh = bh;
    }
    double y = top + bh + 6 + cap_size;
    for (size_t i = 0; i < n; i++, y += lead)
        add_text(sc, margin, y, lines[i], cap_size, FONT_REGULAR,
                 ANCHOR_START, THEME_INK);
}

/* ---- what changed, method --------------------------------------------- */

/* Whether two numbers differ by more than rounding in print (0.05%). */
static int moved_value(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) != isnan(b);
    return fabs(a - b) > 5e-4 * fmax(fabs(a), fabs(b));
}

/* Appends "; " between the parts of a change sentence. */
static void change_sep(const Doc *d, char *out, size_t size)
{
    if (out[0])
        label_append(out, size, "%s", L(d, "; ", "；"));
}

static void change_latest(Doc *d, const ReportChange *c, char *out,
                          size_t size)
{
    char a[64], b[64], da[32], db[32];
    label_value(d->lang, c->latest_now, c->unit, b, sizeof b);
    label_date(d->lang, c->date_now, DATE_MONTH, db, sizeof db);
    change_sep(d, out, size);
    if (c->points_before < 0) {
        label_append(out, size, L(d, "latest %s (%s)", "最新值%s（%s）"), b, db);
        return;
    }
    label_value(d->lang, c->latest_before, c->unit, a, sizeof a);
    label_date(d->lang, c->date_before, DATE_MONTH, da, sizeof da);
    label_append(out, size,
                 L(d, "latest %s (%s) \xe2\x86\x92 %s (%s)",
                   "最新值%s（%s）→ %s（%s）"),
                 a, da, b, db);
}

/* The projection before → now; when the horizon moved, each value with
 * its own date, so a later horizon is not mistaken for faster growth. */
static void change_projection(Doc *d, const ReportChange *c, char *out,
                              size_t size)
{
    char a[64], b[64], ha[32], hb[32];
    label_value(d->lang, c->proj_before, c->unit, a, sizeof a);
    label_value(d->lang, c->proj_now, c->unit, b, sizeof b);
    label_date(d->lang, c->horizon_before, DATE_MONTH, ha, sizeof ha);
    label_date(d->lang, c->horizon_now, DATE_MONTH, hb, sizeof hb);
    change_sep(d, out, size);
    if (c->horizon_before == c->horizon_now)
        label_append(out, size,
                     L(d, "projection for %s %s \xe2\x86\x92 %s",
                       "%s預測值%s → %s"),
                     hb, a, b);
    else
        label_append(out, size,
                     L(d, "projection %s for %s \xe2\x86\x92 %s for %s",
                       "預測值%s（%s）→ %s（%s）"),
                     a, ha, b, hb);
}

/* One sentence per series that moved, naming only what moved: points
 * gained or lost, latest value, CAGR and projection, before → now. */
static void change_sentence(Doc *d, const ReportChange *c, char *out,
                            size_t size)
{
    out[0] = '\0';
    if (c->points_now < 0) {
        label_append(out, size, "%s",
                     L(d, "No longer in the data.", "已不在資料中。"));
        return;
    }
    if (c->points_before < 0) {
        label_append(out, size, L(d, "New series, %ld points", "新數列，%ld筆"),
                     c->points_now);
    } else if (c->points_now != c->points_before) {
        long diff = c->points_now - c->points_before;
        label_append(out, size,
                     L(d, "%+ld point%s (%ld \xe2\x86\x92 %ld)",
                       "%+ld筆%s（%ld → %ld）"),
                     diff,
                     lang_is_chinese(d->lang) || labs(diff) == 1 ? "" : "s",
                     c->points_before, c->points_now);
    }
    if (c->points_before < 0 || c->date_before != c->date_now ||
        moved_value(c->latest_before, c->latest_now))
        change_latest(d, c, out, size);
    if (isfinite(c->cagr_now) &&
        (c->points_before < 0 || moved_value(c->cagr_before, c->cagr_now))) {
        char a[32], b[32];
        format_percent(c->cagr_before, a, sizeof a);
        format_percent(c->cagr_now, b, sizeof b);
        change_sep(d, out, size);
        if (c->points_before >= 0 && isfinite(c->cagr_before))
            label_append(out, size,
                         L(d, "CAGR %s \xe2\x86\x92 %s",
                           "年複合成長率%s → %s"),
                         a, b);
        else
            label_append(out, size, L(d, "CAGR %s", "年複合成長率%s"), b);
    }
    if (c->points_before >= 0 && isfinite(c->proj_now) &&
        isfinite(c->proj_before) &&
        (c->horizon_before != c->horizon_now ||
         moved_value(c->proj_before, c->proj_now)))
        change_projection(d, c, out, size);
    label_append(out, size, "%s", L(d, ".", "。"));
}

void report_pages_changes(Doc *d)
{
    const ReportContent *rc = d->rc;
    if (!rc->show_changes)
        return;
    const char *head = L(d, "What changed", "更新內容");
    char cont[128], lead[300], text[1024], metric[128];
    Flow f = flow_section(d, head, cont, sizeof cont);
    if (rc->n_changes == 0) {
        flow_para(&f, NULL, L(d, "No series changed since the previous "
                                 "report.",
                              "自上次報告以來，沒有數列變動。"));
        return;
    }
    flow_para(&f, NULL, L(d, "Series whose data or trend moved since the "
                             "previous report, before \xe2\x86\x92 now.",
                          "自上次報告以來資料或趨勢有變動的數列（前 → 後）。"));
    for (size_t i = 0; i < rc->n_changes; i++) {
        const ReportChange *c = &rc->changes[i];
        format_metric_name_lang(c->metric, d->lang, metric, sizeof metric);
        snprintf(lead, sizeof lead, "%s \xc2\xb7 %s",
                 lang_text(d->lang, c->company), metric);
        change_sentence(d, c, text, sizeof text);
        flow_para(&f, lead, text);
    }
}

/* "the last 6 of 9 points from 2024-01" for the rows fitted on part of
 * their series; "" when every row uses all its points. */
static void windows_used(Doc *d, char *buf, size_t size)
{
    const ReportContent *rc = d->rc;
    buf[0] = '\0';
    size_t listed = 0, more = 0;
    for (size_t i = 0; i < rc->n_rows; i++) {
        const SeriesAnalysis *a = rc->rows[i].a;
        if (!doc_fitted(a) || a->first == 0)
            continue;
        if (listed == 6) {
            more++;
            continue;
        }
        char from[48], metric[160];
        label_date(d->lang, a->s->date[a->first], a->s->precision[a->first],
                   from, sizeof from);
        format_metric_name_lang(a->s->metric, d->lang, metric, sizeof metric);
        /* The Chinese sentence puts the date before the counts. */
        const char *sep = listed ? L(d, "; ", "；") : "";
        if (lang_is_chinese(d->lang))
            label_append(buf, size,
                         lang_text(d->lang,
                                   "%s%s（%s）：%s起的%zu筆（共%zu筆）"),
                         sep, lang_text(d->lang, a->s->company), metric, from,
                         a->count, a->n);
        else
            label_append(buf, size, "%s%s, %s: the %zu of %zu points from %s",
                         sep, a->s->company, metric, a->count, a->n, from);
        listed++;
    }
    if (more)
        label_append(buf, size, L(d, "; and %zu more", "；另有%zu個"), more);
}

/* The backtest sentence: what the interval covered on this data. */
static void coverage_words(Doc *d, char *buf, size_t size)
{
    const BacktestScore *b = d->rc->backtest;
    buf[0] = '\0';
    if (!b || b->all.n == 0) {
        snprintf(buf, size, "%s",
                 L(d, "The data are too short for a backtest: no series "
                      "has a fourth point to forecast.",
                   "資料太短，無法回測：沒有數列有第四個點可供預測。"));
        return;
    }
    char lev[16];
    label_level(d->level, lev, sizeof lev);
    const BacktestCell *c0 = &b->cell[BACKTEST_LEAD_0_6],
                       *c1 = &b->cell[BACKTEST_LEAD_6_12];
    double p0 = c0->n ? 100.0 * (double)c0->inside / (double)c0->n : NAN,
           p1 = c1->n ? 100.0 * (double)c1->inside / (double)c1->n : NAN;
    snprintf(buf, size,
             L(d, "Backtested on this report's data (each series fitted on "
                  "its first points and scored on its later ones, %zu "
                  "forecasts from %zu fits), the %s interval held %.0f%% of "
                  "%zu observations up to 6 months ahead and %.0f%% of %zu "
                  "at 6 to 12 months; the median miss was a factor of "
                  "%.2f and %.2f. `aigrowth backtest` prints the full "
                  "table.",
               "以本報告的資料回測（每個數列以其前段資料配適、以其後段資料"
               "評分，共%zu次預測、%zu次配適），%s區間涵蓋了6個月內"
               "觀測值的%.0f%%（%zu筆）及6至12個月的%.0f%%（%zu筆）；"
               "誤差中位數為%.2f倍與%.2f倍。完整表格見 aigrowth "
               "backtest。"),
             b->all.n, b->origins, lev, p0, c0->n, p1, c1->n,
             exp(c0->median_error), exp(c1->median_error));
}

/* The trend model, and a paragraph for each model the rows use. */
static void method_models(Doc *d, Flow *f)
{
    const ReportContent *rc = d->rc;
    int used[MODEL_COUNT] = {0};
    for (size_t i = 0; i < rc->n_rows; i++)
        if (doc_fitted(rc->rows[i].a) &&
            rc->rows[i].a->fit.model < MODEL_COUNT)
            used[rc->rows[i].a->fit.model] = 1;
    flow_para(f, L(d, "Trend model", "趨勢模型"),
              L(d, "Each series (one company, one metric) gets its own "
                   "trend, fitted by least squares to the observations in "
                   "its window. Time t is measured in years. A series with "
                   "fewer than 3 points gets no trend, and says so.",
                "每個數列（一家公司的一項指標）各自擬合趨勢，以最小平方法配適"
                "其配適範圍內的觀測值。時間 t 以年為單位。少於3個資料點的"
                "數列不推估趨勢，並註明原因。"));
    if (used[MODEL_DAMPED])
        flow_para(f, NULL,
                  L(d, "Damped: ln v = a + b \xc3\x97 (1 \xe2\x88\x92 "
                       "e^(\xe2\x88\x92" "d (t \xe2\x88\x92 tc))) / d, fitted on "
                       "the logarithm of the values, with d \xe2\x89\xa5 0: "
                       "growth whose rate b e^(\xe2\x88\x92" "d (t \xe2\x88\x92 "
                       "tc)) decays by d a year, and the exponential when "
                       "d = 0, which is what the data choose when growth "
                       "does not slow. It needs 5 points; a series with 3 "
                       "or 4 gets the exponential.",
                    "趨緩模型：ln v = a + b × (1 − e^(−d (t − tc))) / d，在數值"
                    "的對數上配適，d ≥ 0：成長率 b e^(−d (t − tc)) 每年以 d 衰減；"
                    "d = 0 即指數模型，成長未趨緩時資料即選擇此值。需5個資料點；"
                    "3或4點的數列改用指數模型。"));
    if (used[MODEL_EXP])
        flow_para(f, NULL,
                  L(d, "Exponential (exp): ln v = a + b \xc3\x97 t, fitted "
                       "on the logarithm of the values: a constant growth "
                       "rate, doubling every ln 2 / b.",
                    "指數模型（exp）：ln v = a + b × t，在數值的對數上配適："
                    "成長率固定，每 ln 2 / b 翻倍。"));
    if (used[MODEL_LINEAR])
        flow_para(f, NULL,
                  L(d, "Linear: v = a + b \xc3\x97 t; the value grows by "
                       "the same amount, b, every year.",
                    "線性模型：v = a + b × t，每年增加相同的量 b。"));
    if (used[MODEL_LOGISTIC])
        flow_para(f, NULL,
                  L(d, "Logistic: v = K / (1 + exp(\xe2\x88\x92r (t "
                       "\xe2\x88\x92 t0))), an S-curve that levels off at "
                       "K, fitted by nonlinear least squares (from 6 "
                       "points).",
                    "邏輯模型：v = K / (1 + exp(−r (t − t0)))，趨近上限 K "
                    "的 S 形曲線，以非線性最小平方法配適（需6個資料點）。"));
}

/* Which observations each trend is fitted on. */
static void method_window(Doc *d, Flow *f)
{
    char buf[2048];
    char windows[1400];
    windows_used(d, windows, sizeof windows);
    if (windows[0])
        snprintf(buf, sizeof buf,
                 L(d, "Every observation of each series is fitted, except: "
                      "%s. Earlier points are shown but not fitted.",
                   "每個數列以其全部觀測值配適，以下除外：%s。更早的觀測值只"
                   "顯示、不參與配適。"),
                 windows);
    else
        snprintf(buf, sizeof buf, "%s",
                 L(d, "Every observation of each series is fitted: no "
                      "window is applied.",
                   "使用每個數列的全部觀測值配適，不設時間窗。"));
    flow_para(f, L(d, "Window", "配適範圍"), buf);
}

/* Projections, their intervals and how well they held, horizons and
 * ceilings. */
static void method_projection(Doc *d, Flow *f)
{
    char buf[2048];
    char lev[16];
    label_level(d->level, lev, sizeof lev);
    snprintf(buf, sizeof buf,
             L(d, "A projection starts at the series' latest observation "
                  "and grows as the fitted trend does from there, so the "
                  "dashed line always begins at the last dot. The band and "
                  "the interval in the key figures are %s prediction "
                  "intervals from a random walk with drift around that "
                  "trend: the growth between successive observations "
                  "scatters around the trend's, and its variance per year, "
                  "s\xc2\xb2, is measured from them; after h years the "
                  "variance of ln v is s\xc2\xb2 (h + h\xc2\xb2 / T), where T "
                  "is the span of the window and the second term is the "
                  "uncertainty of the growth rate itself; the bounds use "
                  "Student's t with n \xe2\x88\x92 2 degrees of freedom (n "
                  "points in the window). Uncertainty grows with the lead "
                  "time, not only with the distance from the data's centre.",
               "預測自數列的最新觀測值起，依配適趨勢的成長率延伸，因此虛線必從"
               "最後一點開始。陰影帶與關鍵數據中的區間為%s預測區間，依據繞著"
               "該趨勢的帶漂移隨機漫步：相鄰觀測值之間的成長圍繞趨勢的成長而"
               "離散，其每年變異數 s² 由這些成長測得；h 年後 ln v 的變異數為 "
               "s² (h + h² / T)，T 為配適範圍的時間跨度，第二項為成長率本身的"
               "不確定性；區間以 Student t 分布計算，自由度 n − 2（n 為配適"
               "範圍內的資料點數）。不確定性隨推估時間增加。"),
             lev);
    flow_para(f, L(d, "Projection and interval", "預測與區間"), buf);
    coverage_words(d, buf, sizeof buf);
    flow_para(f, NULL, buf);

    char pop[48];
    label_value(d->lang, ANALYSIS_WORLD_POPULATION, "users", pop, sizeof pop);
    snprintf(buf, sizeof buf,
             L(d, "A projection runs at most 12 months past a series' "
                  "latest observation, and never further ahead than the "
                  "window's observed span; longer horizons asked for are "
                  "marked " DAGGER ". A user count is never projected above "
                  "the world's population, %s people (UN World Population "
                  "Prospects 2024, estimate for 2025), a share never above "
                  "100%%; a trend that meets its ceiling stops there, "
                  "marked " DAGGER ". A projection whose interval spans "
                  "more than a factor of %.0f is too uncertain to quote: "
                  "it is neither drawn nor printed.",
               "推估至多延伸到數列最新觀測值後12個月，且不超過配適範圍的"
               "觀測跨度；超出者以 " DAGGER " 標示。用戶數的推估不超過世界人口"
               " %s人（聯合國《世界人口展望2024》2025年估計值），比率不超過 "
               "100%%；觸及上限的趨勢即停在上限，並以 " DAGGER " 標示。區間上下限"
               "相差超過%.0f倍的推估過於不確定，不予繪製或列出。"),
             pop, ANALYSIS_MAX_RANGE);
    flow_para(f, L(d, "Horizon and ceilings", "推估期與上限"), buf);
}

/* Growth figures, crossovers and caveats. */
static void method_notes(Doc *d, Flow *f)
{
    flow_para(f, L(d, "Growth figures", "成長數據"),
              L(d, "12 mo is the observed growth from the earliest "
                   "observation 6 to 12 months before the latest one, "
                   "scaled to a year; CAGR the observed compound annual "
                   "growth from the first to the latest point of the "
                   "window, shown when they are at least six months apart. "
                   "The doubling time is that of the trend at its latest "
                   "point.",
                "近12月為最新觀測值與其前6至12個月內最早一筆觀測值之間的"
                "成長，換算為一年；年複合成長率為配適範圍內第一筆至最新一筆"
                "觀測值的年複合成長，兩者相隔至少半年才列出。倍增時間為趨勢"
                "在最新一點的成長率所對應的時間。"));
    flow_para(f, L(d, "Crossovers", "交會"),
              L(d, "When the latest observations show one company ahead of "
                   "another that led earlier, the caption says it has "
                   "passed, with both values. A future crossing is "
                   "reported only while it is still ahead: where the two "
                   "projections meet before the horizon, with the "
                   "uncertainty of the trend lines (the growth-rate part "
                   "of each interval, by the delta method), rounded to the "
                   "month; a range that spans the whole horizon reads "
                   "\"uncertain\".",
                "若最新觀測值顯示某公司已領先先前領先的另一家，圖說即寫明已"
                "超越，並列出兩者數值。未來的交會只在尚未發生時列出：兩條推估"
                "在推估期內相交之處，並附趨勢線的不確定範圍（各區間中成長率的"
                "部分，以 delta 法計算），以月為單位；範圍涵蓋整個推估期時寫作"
                "「難以確定」。"));
    flow_para(f, L(d, "Caveats", "注意事項"),
              L(d, "A trend summarises the past; it does not know about "
                   "funding rounds, launches or markets to come. Figures "
                   "are as reported by the sources listed, with their "
                   "confidence; company-reported run rates and "
                   "valuations are not audited accounts.",
                "趨勢只概括過去，無法預知未來的融資、產品發表或市場變化。"
                "數字取自所列來源並標示其可信度；公司自行公布的年化營收與"
                "估值並非經審計的財務報表。"));
}

void report_pages_method(Doc *d)
{
    const char *head = L(d, "Method", "方法");
    char cont[128];
    Flow f = flow_section(d, head, cont, sizeof cont);
    method_models(d, &f);
    method_window(d, &f);
    method_projection(d, &f);
    method_notes(d, &f);
}

/* ---- cover ------------------------------------------------------------- */

/* The data files with their row counts from y on; returns the y after. */
static double cover_datasets(Doc *d, Scene *sc, double y, double bottom,
                             double size)
{
    const ReportContent *rc = d->rc;
    const Geometry *g = &d->g;
    double avail = sc->width - 2 * g->margin, lh = size * 1.5;
    char buf[1024], tmp[600], tail[96];
    add_text(sc, g->margin, y, L(d, "Datasets", "資料集"), size + 1,
             FONT_BOLD, ANCHOR_START, THEME_INK);
    y += lh * 1.2;
    for (size_t i = 0; i < rc->n_files; i++, y += lh) {
        if (y > bottom && i + 1 < rc->n_files) {
            snprintf(buf, sizeof buf,
                     L(d, ELLIPSIS " and %zu more", ELLIPSIS "另有%zu個"),
                     rc->n_files - i);
            add_text(sc, g->margin, y, buf, size, FONT_REGULAR, ANCHOR_START,
                     THEME_INK_SOFT);
            return y + lh;
        }
        const DataFile *f = &rc->files[i];
        if (f->missing)
            snprintf(tail, sizeof tail,
                     L(d, " " EM_DASH " %zu rows, %zu missing",
                       " " EM_DASH " %zu筆，缺%zu筆"),
                     f->rows, f->missing);
        else
            snprintf(tail, sizeof tail,
                     L(d, " " EM_DASH " %zu rows", " " EM_DASH " %zu筆"),
                     f->rows);
        if (lang_base(d->lang) == LANG_EN && f->rows == 1 && !f->missing)
            snprintf(tail, sizeof tail, " " EM_DASH " 1 row");
        double tw = text_width(d->fs, tail, FONT_REGULAR, size);
        text_flow_fit(d->fs, f->path, FONT_REGULAR, size, avail - tw, tmp,
                      sizeof tmp);
        snprintf(buf, sizeof buf, "%s%s", tmp, tail);
        add_text(sc, g->margin, y, buf, size, FONT_REGULAR, ANCHOR_START,
                 THEME_INK);
    }
    return y;
}

/* Section and chart titles with page numbers, each a link. */
static void cover_contents(Doc *d, Scene *sc, double y, double bottom)
{
    const Geometry *g = &d->g;
    double W = sc->width, avail = W - 2 * g->margin;
    char buf[1024], num[32];
    add_text(sc, g->margin, y, L(d, "Contents", "目錄"), 11, FONT_BOLD,
             ANCHOR_START, THEME_INK);
    y += 18;
    for (size_t i = 0; i < d->n_toc; i++, y += 15) {
        const TocEntry *e = &d->toc[i];
        if (y > bottom && i + 1 < d->n_toc) {
            snprintf(buf, sizeof buf,
                     L(d, ELLIPSIS " and %zu more", ELLIPSIS "另有%zu項"),
                     d->n_toc - i);
            add_text(sc, g->margin, y, buf, 10, FONT_REGULAR, ANCHOR_START,
                     THEME_INK_SOFT);
            return;
        }
        double indent = e->child ? 14 : 0;
        snprintf(num, sizeof num, "%zu", e->page + 1);
        text_flow_fit(d->fs, e->title, FONT_REGULAR, 10, avail - 40 - indent,
                      buf, sizeof buf);
        add_text(sc, g->margin + indent, y, buf, 10, FONT_REGULAR,
                 ANCHOR_START, e->child ? THEME_INK : THEME_INK);
        add_text(sc, W - g->margin, y, num, 10, FONT_REGULAR, ANCHOR_END,
                 THEME_INK_SOFT);
        doc_link_add(&d->pages[0], g->margin, y - 11, W - g->margin, y + 4,
                     NULL, e->page);
    }
}

void report_pages_cover(Doc *d)
{
    const ReportContent *rc = d->rc;
    const Geometry *g = &d->g;
    Scene *sc = d->pages[0].sc;
    double W = sc->width, H = sc->height, avail = W - 2 * g->margin;
    double y = g->slides ? 150 : 190;
    double sub = g->slides ? 22 : 14, meta = g->slides ? 16 : 11;
    char lines[3][TEXT_FLOW_LINE], buf[1024], tmp[512];

    scene_add_rect(sc, g->margin, y - g->title - 12, 44, 4,
                   theme_series_color(0));
    size_t n = text_flow_lines(d->fs, rc->title, FONT_BOLD, g->title, avail,
                               lines, g->slides ? 2 : 3);
    for (size_t i = 0; i < n; i++, y += g->title * 1.25)
        add_text(sc, g->margin, y, lines[i], g->title, FONT_BOLD,
                 ANCHOR_START, THEME_INK);
    if (rc->subtitle && rc->subtitle[0]) {
        y += 2;
        n = text_flow_lines(d->fs, rc->subtitle, FONT_REGULAR, sub, avail,
                            lines, g->slides ? 2 : 3);
        for (size_t i = 0; i < n; i++, y += sub * 1.4)
            add_text(sc, g->margin, y, lines[i], sub, FONT_REGULAR,
                     ANCHOR_START, THEME_INK_SOFT);
    }
    if (rc->author && rc->author[0]) {
        y += sub * 0.6;
        text_flow_fit(d->fs, rc->author, FONT_BOLD, meta + 1, avail, buf,
                      sizeof buf);
        add_text(sc, g->margin, y, buf, meta + 1, FONT_BOLD, ANCHOR_START,
                 THEME_INK);
        y += meta * 1.2;
    }
    y += g->slides ? 16 : 24;
    scene_add_line(sc, g->margin, y, W - g->margin, y, THEME_GRID, 0.75,
                   NULL, 0);
    y += g->slides ? 30 : 28;
    snprintf(buf, sizeof buf, L(d, "Data as of %s", "資料截至%s"),
             label_date(d->lang, rc->data_as_of, DATE_DAY, tmp, sizeof tmp));
    add_text(sc, g->margin, y, buf, meta, FONT_REGULAR, ANCHOR_START,
             THEME_INK);
    y += meta * 1.55;
    label_day(d->lang, rc->generated, tmp, sizeof tmp);
    snprintf(buf, sizeof buf, L(d, "Generated %s", "製作於%s"), tmp);
    add_text(sc, g->margin, y, buf, meta, FONT_REGULAR, ANCHOR_START,
             THEME_INK_SOFT);
    if (g->slides) {
        /* A title slide stays uncluttered: datasets on one side, no
           contents (the outline has them). */
        cover_datasets(d, sc, y + 44, H - 70, 13);
        return;
    }
    double bottom = H - 70;
    y = cover_datasets(d, sc, y + 40, bottom - 160, 10);
    cover_contents(d, sc, y + 25, bottom);
}
