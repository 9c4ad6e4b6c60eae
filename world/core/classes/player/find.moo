verb "find" this none this rxd
/* Like match, but tells this player when nothing (or too much) matches. */
{name} = args;
o = this:match(name);
if (o == $nothing)
  this:tell("Which object do you mean?");
elseif (o == $failed_match)
  this:tell("I see no \"", name, "\" here.");
elseif (o == $ambiguous_match)
  this:tell("Which \"", name, "\" do you mean?");
endif
return o;
