/* run_hash.c - what each output of a report run depends on: its rows,
 * settings, events, data paths and the program drawing it, hashed so an
 * unchanged chart is not rewritten. */
#include "report_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dates.h"
#include "format.h"
#include "i18n.h"
#include "parse_date.h"
#include "util.h"
#include "version.h"

/* Its rows and the path of its file, which the chart's source line
 * prints: a renamed dataset redraws its charts. */
static void hash_series(Hash *h, const Series *s)
{
    hash_str(h, s->file);
    hash_str(h, s->company);
    hash_str(h, s->metric);
    hash_str(h, s->unit);
    hash_long(h, (long)s->n);
    for (size_t i = 0; i < s->n; i++) {
        hash_long(h, s->date[i]);
        hash_long(h, (long)s->precision[i]);
        hash_double(h, s->value[i]);
        hash_long(h, (long)series_qualifier(s, i));
        hash_long(h, (long)series_confidence(s, i));
    }
}

/* The version, and the build itself: a rebuilt program may draw
 * differently under the same version, so its charts are redrawn. */
void run_hash_program(Hash *h, const FontStack *fs)
{
    hash_str(h, AIGROWTH_VERSION);
    const unsigned char *build_id;
    size_t len = program_build_id(&build_id);
    hash_bytes(h, build_id ? build_id : (const unsigned char *)"", len);
    for (int face = 0; face < FACE_COUNT; face++) {
        int index = 0;
        hash_file_identity(h, fontstack_file(fs, (FaceId)face, &index));
        hash_long(h, index);
    }
}

static void hash_request(Hash *h, const ChartRequest *req, const Spec *spec)
{
    hash_long(h, req->kind);
    hash_str(h, req->metric);
    for (size_t i = 0; i < req->n_companies; i++)
        hash_str(h, req->companies[i]);
    hash_str(h, "|");
    for (size_t i = 0; i < req->n_highlight; i++)
        hash_str(h, req->highlight[i]);
    hash_str(h, "|");
    for (size_t i = 0; i < req->n_colors; i++) {
        hash_str(h, req->colors[i].company);
        hash_bytes(h, &req->colors[i].color, sizeof req->colors[i].color);
    }
    hash_str(h, req->title);
    hash_str(h, req->subtitle);
    hash_double(h, req->width);
    hash_double(h, req->height);
    hash_long(h, req->axis);
    hash_long(h, req->model);
    hash_long(h, req->horizon);
    hash_long(h, req->horizon_months);
    hash_double(h, req->level);
    hash_long(h, req->since);
    hash_long(h, (long)req->last);
    hash_long(h, req->as_of);
    hash_double(h, req->cap);
    hash_str(h, req->theme ? req->theme->name : "light");
    hash_long(h, req->lang);
    hash_double(h, req->type_scale);
    hash_double(h, req->detail);
    hash_long(h, req->transparent);
    hash_long(h, spec->formats);
    hash_double(h, req->target);
    hash_str(h, req->target_unit ? req->target_unit : "");
    hash_double(h, req->index_base);
    hash_long(h, req->index_at);
    hash_long(h, req->growth);
    hash_long(h, req->verified_only);
    hash_long(h, req->align.kind);
    hash_double(h, req->align.threshold);
    hash_str(h, req->align.threshold_unit ? req->align.threshold_unit : "");
    hash_long(h, (long)req->n_launches);
    for (size_t i = 0; i < req->n_launches; i++) {
        hash_str(h, req->launches[i].company);
        hash_long(h, req->launches[i].day);
    }
    hash_long(h, req->facet);
    hash_long(h, req->facet_scale);
    hash_long(h, req->facet_many);
    hash_long(h, (long)req->n_notes);
    for (size_t i = 0; i < req->n_notes; i++) {
        const Annotation *a = &req->notes[i];
        hash_long(h, a->kind);
        hash_double(h, a->value);
        hash_str(h, a->unit);
        hash_long(h, a->d0);
        hash_long(h, a->d1);
        hash_str(h, a->label);
    }
}

/* Every event as loaded, not the file: all that is drawn from it, read
 * once, so an edit anywhere in a large file counts. */
static void hash_events(Hash *h, const EventList *events)
{
    hash_long(h, (long)events->n);
    for (size_t i = 0; i < events->n; i++) {
        hash_long(h, events->items[i].date);
        hash_str(h, events->items[i].label);
        hash_str(h, events->items[i].label_zh);
        hash_str(h, events->items[i].company);
    }
}

/* Data hash: the rows the chart draws and its events; full hash: that,
 * the request, the program (version and build) and the fonts. */
void run_hash_job(ChartJob *job, const Spec *spec, uint64_t program)
{
    Hash data, all;
    hash_init(&data);
    for (size_t i = 0; i < job->built.n; i++)
        hash_series(&data, job->built.series[i]);
    hash_str(&data, job->built.left_out);
    if (job->req.events)
        hash_events(&data, job->req.events);
    job->data_hash = data.h;
    hash_init(&all);
    hash_bytes(&all, &job->data_hash, sizeof job->data_hash);
    hash_request(&all, &job->req, spec);
    /* What was decided beyond the chart's own rows and request: colours
     * follow the whole run's companies, the source line its options. */
    for (size_t i = 0; i < job->built.n; i++)
        hash_bytes(&all, &job->built.colors[i], sizeof job->built.colors[i]);
    hash_str(&all, job->built.source_line);
    hash_bytes(&all, &program, sizeof program);
    job->hash = all.h;
}

