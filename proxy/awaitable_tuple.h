#pragma once
// The completion token every proxy coroutine awaits with: errors come back as a value in a tuple
// (`auto [ec, n] = co_await op(kTuple)`) instead of as exceptions, so a dead peer is a branch.

#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace cdnsim::proxy {

inline constexpr auto kTuple = boost::asio::experimental::as_tuple(boost::asio::use_awaitable);

}  // namespace cdnsim::proxy
