/**
 * Demo data: "Salt Light", a short original screenplay written for
 * ProdSight. Ten scenes (interior, exterior and INT./EXT., day, night,
 * dawn), five speaking characters, a voice-over, an off-screen line, a
 * dual-dialogue exchange, one transition, lyrics and a title page, so
 * every part of the parser and the breakdown views has something to show.
 *
 * @module
 */

/**
 * The sample screenplay as Fountain text.
 *
 * @example
 * ```ts
 * const script = await parseFountain(SAMPLE_SCREENPLAY);
 * script.scenes.length; // 10
 * ```
 */
export const SAMPLE_SCREENPLAY = `Title: Salt Light
Credit: Written by
Author: The ProdSight Team
Draft date: 1 March 2025
Contact:
    ProdSight Demo Productions
    demo@prodsight.example

FADE IN:

EXT. NORTH POINT LIGHTHOUSE - DAWN #1#

Fog lifts off black rocks. A white tower, its paint flaking, stands at the end of the point. At the top, the lamp turns one last time and goes dark.

MARGIT HALVORSEN (67), an oilskin over her nightgown, steps out onto the gallery with a mug of coffee. She counts the fishing boats heading out of the bay.

MARGIT
Three... four.

She nods, satisfied, and goes back inside.

INT. LIGHTHOUSE - KITCHEN - DAY #2#

A radio crackles on the windowsill. Margit scrapes burnt toast over the sink.

COASTGUARD (V.O.)
North Point, North Point, this is Harbour Control. The supply boat is running late. Over.

MARGIT
(into the handset)
It's always late. North Point out.

She glances at a letter pinned under the jam jar: MARITIME AUTHORITY - NOTICE OF AUTOMATION.

EXT. JETTY - DAY #3#

BRAM OKAFOR (50s), weathered and unhurried, ties up a battered supply boat. ELLA (12), in a life jacket two sizes too big, jumps onto the jetty before the rope is tight.

ELLA
Grandma! I steered for ten whole minutes!

BRAM
Eight. Mostly in circles.

Margit hugs Ella, watching Bram over the girl's shoulder.

MARGIT
You brought her early.

BRAM
Her mother's shifts changed. And the inspector comes on Thursday.

Margit lets go of Ella and picks up a crate of tins.

MARGIT (CONT'D)
Then he can carry his own crate.

INT. LIGHTHOUSE - LAMP ROOM - NIGHT #4#

The great glass lens, taller than Ella. Margit shows her the brass clockwork that turns it.

ELLA
Why does it have to turn?

MARGIT
So every ship knows it's us. Each light has its own rhythm. Ours is two long, one short.

ELLA
Like a name.

Margit winds the crank. The beam sweeps the dark water: long, long, short.

ELLA
Two long, one short!

MARGIT ^
Two long, one short.

INT./EXT. BRAM'S BOAT - MOVING - NIGHT #5#

Spray on the wheelhouse windows. Bram steers with one hand and holds the radio in the other.

COASTGUARD (V.O.)
Bram, the weather's turning. Storm front by Thursday night.

BRAM
Copy that. Tell the inspector to bring a raincoat.

EXT. LIGHTHOUSE - GALLERY - DAY #6#

INSPECTOR VOSS (40s), a neat suit and a clipboard, holds his hat against the wind. He measures the railing with a tape. Margit watches, arms folded.

VOSS
A sensor, a solar panel and a modem. It does your job without ever sleeping.

MARGIT
It doesn't know the boats.

VOSS
It doesn't need to.

In the doorway, Ella listens.

INT. LIGHTHOUSE - KITCHEN - NIGHT #7#

The storm hits. Rain hammers the window. The lights flicker, then die. In the dark, the radio hisses.

ELLA (O.S.)
Grandma? The lamp stopped!

Margit is already pulling on her boots.

CUT TO:

INT. LIGHTHOUSE - STAIRWELL - CONTINUOUS #8#

A torch beam on iron steps spiralling up. Margit climbs, Ella right behind her. Voss, in his socks, follows them.

MARGIT
(breathless)
Sixty... sixty-one...

VOSS
How many are there?

ELLA
A hundred and twelve. She counts them every night.

INT. LIGHTHOUSE - LAMP ROOM - NIGHT #9#

No power. Margit opens a cabinet: an old paraffin burner. She lights it with a match while Ella works the crank. Voss holds the torch.

MARGIT
Two long...

ELLA
...one short.

The beam swings out into the storm. Ella hums, then sings under her breath.

ELLA
~Turn, little light, the sea is wide,
~bring them home on the evening tide.

COASTGUARD (V.O.)
North Point, we see you. The Marta has your light. She's coming in.

Voss lowers the torch. He looks at the burner, then at Margit.

EXT. JETTY - DAWN #10#

Calm water. Four fishing boats rock at their moorings. Voss stands on the jetty, soaked, his clipboard under his arm. Bram unloads the morning crates.

VOSS
Perhaps a backup keeper.

MARGIT
Perhaps a keeper with a backup.

Ella laughs. Bram hands Voss a dry towel.

> THE END <
`;
