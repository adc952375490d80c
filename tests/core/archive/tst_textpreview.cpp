// TextPreview: which encoding the first bytes of a file are in (BOMs, valid UTF-8,
// windows-1252), binary content recognised, and a preview cut in the middle of a
// character shown without garbage at its end.

#include "core/archive/textpreview.h"

#include <QStandardPaths>
#include <QTest>

using namespace jobdesk::archive;

class TestTextPreview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void decodes_data();
    void decodes();
    void limitsToOneMebibyte();
};

void TestTextPreview::decodes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("truncated");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<bool>("isUtf8");
    QTest::addColumn<bool>("looksBinary");

    const QString grun = QStringLiteral("gr\u00fcn \u65e5\u672c \U0001F600");
    QTest::newRow("ascii") << QByteArray("plain text\n") << false << QStringLiteral("plain text\n")
                           << QStringLiteral("UTF-8") << true << false;
    QTest::newRow("empty") << QByteArray() << false << QString() << QStringLiteral("UTF-8") << true << false;
    QTest::newRow("utf-8") << grun.toUtf8() << false << grun << QStringLiteral("UTF-8") << true << false;
    QTest::newRow("utf-8 bom") << QByteArray("\xEF\xBB\xBF") + grun.toUtf8() << false << grun << QStringLiteral("UTF-8")
                               << true << false;
    QByteArray le("\xFF\xFE", 2);
    QByteArray be("\xFE\xFF", 2);
    for (const QChar c : grun) {
        le.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
        be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xff));
    }
    QTest::newRow("utf-16le bom") << le << false << grun << QStringLiteral("UTF-16LE") << false << false;
    QTest::newRow("utf-16be bom") << be << false << grun << QStringLiteral("UTF-16BE") << false << false;
    // Cut between the halves of the emoji's surrogate pair, and in the middle of a unit.
    QTest::newRow("utf-16le cut in a pair")
        << le.left(le.size() - 2) << true << grun.chopped(2) << QStringLiteral("UTF-16LE") << false << false;
    QTest::newRow("utf-16be cut in a unit")
        << be.left(be.size() - 3) << true << grun.chopped(2) << QStringLiteral("UTF-16BE") << false << false;
    // Latin-1 bytes are not UTF-8; windows-1252 also gives 0x80 (euro) and 0x93/0x94 (quotes).
    QTest::newRow("latin-1") << QByteArray("gr\xFCn, na\xEFve, caf\xE9") << false
                             << QStringLiteral("gr\u00fcn, na\u00efve, caf\u00e9") << QStringLiteral("windows-1252")
                             << false << false;
    QTest::newRow("windows-1252") << QByteArray("\x80 5 \x93quoted\x94 \x81") << false
                                  << QStringLiteral("\u20ac 5 \u201cquoted\u201d \u0081")
                                  << QStringLiteral("windows-1252") << false << false;
    QTest::newRow("binary") << QByteArray("\x7f"
                                          "ELF\x02\x01\x01\x00\x00\x00",
                                          10)
                            << false << QString() << QString() << false << true;
    QTest::newRow("utf-16 with nul") << QByteArray("\xFF\xFE"
                                                   "a\0\0\0",
                                                   6)
                                     << false << QString() << QStringLiteral("UTF-16LE") << false << true;
    // A preview cut inside a multibyte character drops the partial character ...
    const QByteArray jp = QStringLiteral("\u65e5\u672c").toUtf8();
    QTest::newRow("utf-8 cut in a character")
        << jp.left(4) << true << QStringLiteral("\u65e5") << QStringLiteral("UTF-8") << true << false;
    QTest::newRow("utf-8 cut in a 4-byte character")
        << (QByteArray("ok ") + QStringLiteral("\U0001F600").toUtf8().left(3)) << true << QStringLiteral("ok ")
        << QStringLiteral("UTF-8") << true << false;
    // ... but a whole file ending that way is not UTF-8.
    QTest::newRow("incomplete at the end of a whole file")
        << jp.left(4) << false << QStringLiteral("\u00e6\u2014\u00a5\u00e6") << QStringLiteral("windows-1252") << false
        << false;
    QTest::newRow("overlong form") << QByteArray("\xC0\xAF") << false << QStringLiteral("\u00c0\u00af")
                                   << QStringLiteral("windows-1252") << false << false;
    QTest::newRow("surrogate in utf-8") << QByteArray("\xED\xA0\x80") << false << QStringLiteral("\u00ed\u00a0\u20ac")
                                        << QStringLiteral("windows-1252") << false << false;
}

void TestTextPreview::decodes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, truncated);
    QFETCH(QString, text);
    QFETCH(QString, encoding);
    QFETCH(bool, isUtf8);
    QFETCH(bool, looksBinary);
    const TextPreview preview = TextPreview::decode(bytes, truncated);
    QCOMPARE(preview.text, text);
    QCOMPARE(preview.encoding, encoding);
    QCOMPARE(preview.isUtf8, isUtf8);
    QCOMPARE(preview.looksBinary, looksBinary);
    QCOMPARE(preview.truncated, truncated);
}

void TestTextPreview::limitsToOneMebibyte()
{
    const QByteArray big = QByteArray("0123456789abcdef").repeated(TextPreview::Limit / 16 + 10);
    const TextPreview preview = TextPreview::decode(big, false);
    QCOMPARE(preview.text.size(), qsizetype(TextPreview::Limit));
    QVERIFY(preview.truncated);
    QVERIFY(preview.isUtf8);
}

QTEST_GUILESS_MAIN(TestTextPreview)
#include "tst_textpreview.moc"
