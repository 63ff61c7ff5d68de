#pragma once

#include "import/RecordBatch.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace foi {

/// Reads a record source on a thread of its own, a batch of records ahead of the thread that uses them:
/// reading and splitting an extract takes about as long as normalising it, so on two cores the import
/// takes the longer of the two rather than their sum. At most `depth` batches are in flight, so memory
/// stays constant whatever the size of the file.
///
/// Usage:
///     ReadAhead ahead(source);
///     while (std::unique_ptr<RecordBatch> batch = ahead.take()) { while (batch->next()) use(*batch);
///                                                                ahead.recycle(std::move(batch)); }
///     ahead.finish(); // then source.error() and source.footerCount() may be read
class ReadAhead
{
public:
    explicit ReadAhead(RecordSource &source, size_t recordsPerBatch = 4096, size_t depth = 4);
    ~ReadAhead();
    ReadAhead(const ReadAhead &) = delete;
    ReadAhead &operator=(const ReadAhead &) = delete;

    /// The next batch in file order; null once the source is at its end (or failed, or was stopped).
    std::unique_ptr<RecordBatch> take();
    /// Gives a used batch back to be filled again.
    void recycle(std::unique_ptr<RecordBatch> batch);
    /// Stops reading (if it has not ended) and waits for the reading thread; the source is then the
    /// caller's again.
    void finish();

private:
    void run();

    RecordSource &m_source;
    const size_t m_recordsPerBatch;
    const size_t m_depth;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<RecordBatch>> m_full;
    std::deque<std::unique_ptr<RecordBatch>> m_free;
    size_t m_allocated = 0;
    bool m_ended = false;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace foi
