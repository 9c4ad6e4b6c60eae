verb "name_problem" this none this rxd
/* What is wrong with `name` as the name of a player (other than `who`,
   who may keep theirs), or "" when nothing is. */
{name, ?who = $nothing} = args;
if (!name)
  return "A name can't be empty.";
elseif (index(name, " "))
  return "A name can't have spaces in it.";
elseif (name in {"me", "here"} || index("#$\"*", name[1]))
  return "That name is reserved.";
elseif (length(name) > 40)
  return "That name is too long.";
endif
other = this:player_named(name);
return valid(other) && other != who ? "Someone is already called that." | "";
