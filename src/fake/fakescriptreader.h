#pragma once

// Reads a FakeScript from the "script" object of a fixtures file (the keys are
// described with the fixture format in fixtureloader.cpp).

#include "core/result.h"
#include "fake/fakescript.h"

#include <QCoreApplication>
#include <QString>

#include <nlohmann/json_fwd.hpp>

namespace jobdesk::fake {

class FakeScriptReader
{
    Q_DECLARE_TR_FUNCTIONS(FakeScriptReader)

public:
    // field names the object in error messages, e.g. "script" or "jobs[2].script". s3: a
    // bucket's script, whose "operations" are HeadObject, GetObject and PutObject.
    static Result<FakeScript> read(const nlohmann::ordered_json &value, const QString &field, bool s3 = false);
};

}  // namespace jobdesk::fake
