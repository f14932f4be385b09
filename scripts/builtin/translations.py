"""The built-in dataset's ``translations`` table: data texts in Spanish, English and Thai.

DRAFT — the Thai and Spanish translations here are drafts for the ATLAS team to review (and the file
name says so). Names of institutions use the official Spanish (Paraguay) or Thai (Thailand) name
where there is one; DMOP names, interview questions and answers are formal translations, not
official wording. Acronyms that are an institution's or a product's own name (ETP, MDT, DSI, AMLO,
ISEPOL, PSA, BOK, CSO, DMOP...) are kept.

Each row is ``(text, es, en, th)``: ``text`` exactly as it appears in the built-in data files; an
empty string is no translation (the dashboard then shows the text as it is). A text is not
translated into the language it is written in. Paraguay's Spanish texts get ``en`` only; Paraguay's
English texts (from the English midterm evaluation) get ``es``, and ``th`` only where the text is
shared with Thailand; Thailand's English texts, and texts of both countries or of neither, get
``es`` and ``th``.
The notes (of the interview tallies, DMOP status and DMOP milestones, all in English) get ``es``
and ``th`` whatever their country: the room in Thailand may look at all data.
"""
from __future__ import annotations

from pathlib import Path

from builtin.writers import write_csv

FILE_NAME = "ATLAS data texts translations (DRAFT).csv"

ETP_ES = "Programa de Capacitación para la Aplicación de la Ley"  # as the Paraguay files write it
ETP_TH = "หลักสูตรฝึกอบรมด้านการบังคับใช้กฎหมาย"
MDT_ES = "Equipos Multidisciplinarios"
MDT_TH = "ทีมสหวิชาชีพ"

# (text, es, en, th)
DMOP_NAMES = [
    ("All DMOPs", "Todos los DMOP", "", "DMOP ทั้งหมด"),
    ("Enforcement Training Program", ETP_ES, "", ETP_TH),
    ("Living Lab", "Living Lab (laboratorio vivo)", "", "ห้องปฏิบัติการเชิงทดลอง (Living Lab)"),
    ("Multidisciplinary Teams Training", f"Capacitación de {MDT_ES}", "", f"การฝึกอบรม{MDT_TH}"),
    ("Community Referrals", "Derivaciones Comunitarias", "", "การส่งต่อกรณีโดยชุมชน"),
    ("Coordination DMOPs (Outcome 3) — to be defined", "DMOP de coordinación (Resultado 3) — por definir", "",
     "DMOP ด้านการประสานงาน (ผลลัพธ์ที่ 3) — อยู่ระหว่างการกำหนด"),
    ("Enforcement DMOPs (Outcome 2) — to be defined",
     "DMOP de aplicación de la ley (Resultado 2) — por definir", "",
     "DMOP ด้านการบังคับใช้กฎหมาย (ผลลัพธ์ที่ 2) — อยู่ระหว่างการกำหนด"),
    ("Inter-Platforms Coordination Mechanism", "Mecanismo de Coordinación Interplataformas", "",
     "กลไกการประสานงานระหว่างเครือข่าย"),
    ("Legislation and enforcement DMOPs (Outcomes 1 & 2) — to be defined",
     "DMOP de legislación y aplicación de la ley (Resultados 1 y 2) — por definir", "",
     "DMOP ด้านกฎหมายและการบังคับใช้กฎหมาย (ผลลัพธ์ที่ 1 และ 2) — อยู่ระหว่างการกำหนด"),
    ("Moot Court", "Juicio simulado (Moot Court)", "", "การพิจารณาคดีจำลอง (Moot Court)"),
    ("Multi-Agency Unified Enforcement Procedures",
     "Procedimientos Unificados Multiagenciales de Aplicación de la Ley", "",
     "ขั้นตอนการบังคับใช้กฎหมายร่วมกันของหลายหน่วยงาน"),
    ("Practitioner’s Guide on Coordination", "Guía práctica para operadores sobre coordinación", "",
     "คู่มือสำหรับผู้ปฏิบัติงานว่าด้วยการประสานงาน"),
    ("Practitioner’s Guide on Investigation of Forced Labor",
     "Guía práctica para operadores sobre la investigación del trabajo forzoso", "",
     "คู่มือสำหรับผู้ปฏิบัติงานว่าด้วยการสืบสวนคดีแรงงานบังคับ"),
]

ACTIVITIES = [
    ("ToT para la Policía Nacional (piloto ETP)", "", "ToT for the National Police (ETP pilot)", ""),
    ("3-day capacity-building workshop for labor inspectors and investigative officers on investigation of "
     "child labor, forced labor, and human trafficking",
     "Taller de fortalecimiento de capacidades de 3 días para inspectores de trabajo y agentes de investigación "
     "sobre la investigación del trabajo infantil, el trabajo forzoso y la trata de personas", "",
     "การประชุมเชิงปฏิบัติการเสริมสร้างศักยภาพ 3 วัน สำหรับพนักงานตรวจแรงงานและเจ้าหน้าที่สืบสวนสอบสวน "
     "เรื่องการสืบสวนคดีการใช้แรงงานเด็ก แรงงานบังคับ และการค้ามนุษย์"),
    ("ATLAS Thailand Project's Stakeholder Consultation Workshop on DMOP",
     "Taller de consulta con los actores sobre los DMOP del Proyecto ATLAS Tailandia", "",
     "การประชุมเชิงปฏิบัติการรับฟังความคิดเห็นของผู้มีส่วนได้ส่วนเสียเกี่ยวกับ DMOP ของโครงการ ATLAS ประเทศไทย"),
    ("ETP pilot: 2-day Enforcement Training workshop for frontline officers",
     "Piloto del ETP: taller de capacitación de 2 días para la aplicación de la ley dirigido a funcionarios de "
     "primera línea", "",
     "การนำร่อง ETP: การประชุมเชิงปฏิบัติการฝึกอบรมด้านการบังคับใช้กฎหมาย 2 วัน "
     "สำหรับเจ้าหน้าที่ผู้ปฏิบัติงานด่านหน้า"),
    ("MDT training pilot: 2-day training workshop on enhanced coordination and services for protection of child "
     "labor, forced labor and human trafficking victims",
     "Piloto de la capacitación MDT: taller de capacitación de 2 días sobre coordinación y servicios reforzados "
     "para la protección de las víctimas de trabajo infantil, trabajo forzoso y trata de personas", "",
     "การนำร่องการฝึกอบรม MDT: การประชุมเชิงปฏิบัติการฝึกอบรม 2 วัน เรื่องการยกระดับการประสานงานและการให้บริการ"
     "เพื่อคุ้มครองผู้เสียหายจากการใช้แรงงานเด็ก แรงงานบังคับ และการค้ามนุษย์"),
    ("MTE validation meeting (presentation of key evaluation findings)",
     "Reunión de validación de la MTE (presentación de los principales hallazgos de la evaluación)", "",
     "การประชุมรับรองผลการประเมินระยะกลาง (MTE) (นำเสนอข้อค้นพบสำคัญจากการประเมิน)"),
    ("Primera reunión del grupo de trabajo del Living Lab (indemnización a víctimas)", "",
     "First meeting of the Living Lab working group (compensation for victims)", ""),
    ("Segunda reunión del grupo de trabajo del Living Lab: resultados de la encuesta y presentación introductoria "
     "sobre daño", "",
     "Second meeting of the Living Lab working group: survey results and introductory presentation on harm", ""),
    ("Taller de validación de los resultados preliminares del Análisis Pre-Situacional (PSA)", "",
     "Validation workshop on the preliminary results of the Pre-Situational Analysis (PSA)", ""),
]

INSTITUTIONS = [
    # Paraguay, in Spanish
    ("Departamento de Investigación contra la Trata de Personas", "",
     "Department of Investigation against Trafficking in Persons", ""),
    ("Dirección de Policía del Departamento Central", "", "Police Directorate of the Central Department", ""),
    ("Dirección de Policía del Departamento de Alto Paraná", "", "Police Directorate of the Alto Paraná Department",
     ""),
    ("Dirección de Policía del Departamento de Boquerón", "", "Police Directorate of the Boquerón Department", ""),
    ("Instituto Superior de Educación Policial (ISEPOL)", "", "Higher Institute of Police Education (ISEPOL)", ""),
    ("Policía Nacional", "", "National Police", ""),
    # Thailand
    ("Anti-Human Trafficking Division (ATHD), Royal Thai Police",
     "División contra la Trata de Personas (ATHD), Policía Real Tailandesa", "",
     "กองบังคับการปราบปรามการกระทำความผิดเกี่ยวกับการค้ามนุษย์ (ATHD) สำนักงานตำรวจแห่งชาติ"),
    ("Anti-Money Laundering Office (AMLO)", "Oficina contra el Lavado de Dinero (AMLO)", "",
     "สำนักงานป้องกันและปราบปรามการฟอกเงิน (AMLO)"),
    ("Department of Labour Protection and Welfare (DLPW), Ministry of Labour",
     "Departamento de Protección y Bienestar Laboral (DLPW), Ministerio de Trabajo", "",
     "กรมสวัสดิการและคุ้มครองแรงงาน (DLPW) กระทรวงแรงงาน"),
    ("Department of Provincial Administration (DOPA), Ministry of Interior",
     "Departamento de Administración Provincial (DOPA), Ministerio del Interior", "",
     "กรมการปกครอง (DOPA) กระทรวงมหาดไทย"),
    ("Department of Special Investigation (DSI)", "Departamento de Investigaciones Especiales (DSI)", "",
     "กรมสอบสวนคดีพิเศษ (DSI)"),
    ("Immigration Bureau (IB)", "Oficina de Inmigración (IB)", "", "สำนักงานตรวจคนเข้าเมือง (IB)"),
    ("Ministry of Labour (MOL)", "Ministerio de Trabajo (MOL)", "", "กระทรวงแรงงาน (MOL)"),
    ("Ministry of Social Development and Human Security (MSDHS)",
     "Ministerio de Desarrollo Social y Seguridad Humana (MSDHS)", "",
     "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ (MSDHS)"),
    ("Office of the Attorney General (OAG)", "Fiscalía General (OAG)", "", "สำนักงานอัยการสูงสุด (OAG)"),
    ("Thailand Anti-Trafficking in Persons Task Force (TATIP), Royal Thai Police",
     "Fuerza de Tarea contra la Trata de Personas de Tailandia (TATIP), Policía Real Tailandesa", "",
     "หน่วยเฉพาะกิจต่อต้านการค้ามนุษย์แห่งประเทศไทย (TATIP) สำนักงานตำรวจแห่งชาติ"),
    ("Anti-Human Trafficking Division (AHTD)", "División contra la Trata de Personas (AHTD)", "",
     "กองบังคับการปราบปรามการกระทำความผิดเกี่ยวกับการค้ามนุษย์ (AHTD)"),
    ("Asylum Access", "Asylum Access", "", "Asylum Access"),
    ("COERR", "COERR", "", "COERR"),
    ("Childline Thailand", "Childline Thailand", "", "มูลนิธิสายเด็ก (Childline Thailand)"),
    ("Department of Children and Youth (DCY)", "Departamento de Niñez y Juventud (DCY)", "",
     "กรมกิจการเด็กและเยาวชน (DCY)"),
    ("Department of Provincial Administration (DOPA)", "Departamento de Administración Provincial (DOPA)", "",
     "กรมการปกครอง (DOPA)"),
    ("Division of Anti-Trafficking in Persons (DATIP)", "División contra la Trata de Personas (DATIP)", "",
     "กองต่อต้านการค้ามนุษย์ (DATIP)"),
    ("International Justice Mission", "International Justice Mission (Misión Internacional de Justicia)", "",
     "International Justice Mission (องค์กรภารกิจเพื่อความยุติธรรมสากล)"),
    ("International Organization for Migration", "Organización Internacional para las Migraciones", "",
     "องค์การระหว่างประเทศเพื่อการโยกย้ายถิ่นฐาน"),
    ("Lift International", "Lift International", "", "Lift International"),
    ("Nightlife International", "Nightlife International", "", "Nightlife International"),
    ("Stella Maris", "Stella Maris", "", "สเตลลา มาริส (Stella Maris)"),
    ("TATIP, Royal Thai Police", "TATIP, Policía Real Tailandesa", "", "TATIP สำนักงานตำรวจแห่งชาติ"),
]

PY_KII_INSTITUTIONS = [  # MTE 5.4.2 (English); es: the Paraguayan name
    ("Court of Appeals for Children and Adolescents", "Tribunal de Apelación de la Niñez y la Adolescencia", "", ""),
    ("Department for Civil, Children and Adolescents Matters",
     "Defensorías en lo Civil y de la Niñez y la Adolescencia", "", ""),
    ("Department for Labor Matters", "Defensorías en lo Laboral", "", ""),
    ("Department of Human Trafficking Prevention Policies",
     "Departamento de Políticas de Prevención de la Trata de Personas", "", ""),
    ("Departmental Government of Boquerón", "Gobernación de Boquerón", "", ""),
    ("Deputy Prosecutors' Offices Prosecution Areas", "Fiscalías Adjuntas (áreas fiscales)", "", ""),
    ("Dequeni", "Fundación Dequení", "", ""),
    ("Directorate of International Norms", "Dirección de Normas Internacionales", "", ""),
    ("Education and Training Department", "Departamento de Educación y Capacitación", "", ""),
    ("General Directorate of Inspection and Control", "Dirección General de Inspección y Fiscalización", "", ""),
    ("General Protection of Children and Adolescents (DGPNA)",
     "Dirección General de Protección a la Niñez y la Adolescencia (DGPNA)", "", ""),
    ("Higher Institute Training Center (ISEPOL)", "Instituto Superior de Educación Policial (ISEPOL)", "", ""),
    ("Human Rights' Directorate", "Dirección de Derechos Humanos", "", ""),
    ("International Center for Judicial Studies", "Centro Internacional de Estudios Judiciales", "", ""),
    ("Investigation Department against Human Trafficking",
     "Departamento de Investigación contra la Trata de Personas", "", ""),
    ("Jurisdictional Unit", "Unidad Jurisdiccional", "", ""),
    ("Ministerial Cabinet", "Gabinete Ministerial", "", ""),
    ("Partners of the Americas", "Compañeros de las Américas", "", ""),
    ("Policy Directorate", "Dirección de Política", "", ""),
    ("Regional Directorate of Labor", "Dirección Regional del Trabajo", "", ""),
    ("Specialized Unit Against Human Trafficking", "Unidad Especializada de Lucha contra la Trata de Personas", "",
     ""),
    # Winrock International is with the organisations; this one is in both countries' profiles
    ("Civil Society Organizations", "Organizaciones de la sociedad civil", "", "องค์กรภาคประชาสังคม"),
]

TH_KII_INSTITUTIONS = [  # MTE 6.3.1 (English)
    ("Department of Anti-Trafficking in Persons", "Departamento contra la Trata de Personas", "",
     "กองต่อต้านการค้ามนุษย์"),
    ("Department of Children and Youth", "Departamento de Niñez y Juventud", "", "กรมกิจการเด็กและเยาวชน"),
    ("Department of Employment", "Departamento de Empleo", "", "กรมการจัดหางาน"),
    ("Department of Labour Protection and Welfare", "Departamento de Protección y Bienestar Laboral", "",
     "กรมสวัสดิการและคุ้มครองแรงงาน"),
    ("Department of Provincial Administration", "Departamento de Administración Provincial", "", "กรมการปกครอง"),
    ("Department of Special Investigation", "Departamento de Investigaciones Especiales", "", "กรมสอบสวนคดีพิเศษ"),
    ("Immigration Bureau", "Oficina de Inmigración", "", "สำนักงานตรวจคนเข้าเมือง"),
    ("Office of the Attorney General", "Fiscalía General", "", "สำนักงานอัยการสูงสุด"),
]

ORGANISATIONS = [  # the "Ministry/ Organization" column of both profile tables
    ("Catholic Office for Emergency Relief and Refugee and LIFT International",
     "Oficina Católica de Ayuda de Emergencia y a Refugiados y LIFT International", "",
     "สำนักงานคาทอลิกสงเคราะห์ผู้ประสบภัยและผู้ลี้ภัย และ LIFT International"),
    ("Civil Society Organization", "Organización de la sociedad civil", "", "องค์กรภาคประชาสังคม"),
    ("Ministry for Social Development", "Ministerio de Desarrollo Social", "", ""),
    ("Ministry for Women", "Ministerio de la Mujer", "", ""),
    ("Ministry of Foreign Affairs", "Ministerio de Relaciones Exteriores", "", ""),
    ("Ministry of Interior", "Ministerio del Interior", "", "กระทรวงมหาดไทย"),
    ("Ministry of Justice", "Ministerio de Justicia", "", "กระทรวงยุติธรรม"),
    ("Ministry of Labor, Employment and Social Security", "Ministerio de Trabajo, Empleo y Seguridad Social", "",
     ""),
    ("Ministry of Labour", "Ministerio de Trabajo", "", "กระทรวงแรงงาน"),
    ("Ministry of Public Defense", "Ministerio de la Defensa Pública", "", ""),
    ("Ministry of Social Development and Human Security", "Ministerio de Desarrollo Social y Seguridad Humana", "",
     "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์"),
    ("NGO", "ONG", "", "องค์กรพัฒนาเอกชน"),
    ("National Police", "Policía Nacional", "", ""),
    # Office of the Attorney General is with Thailand's key-informant institutions
    ("Provincial Government", "Gobernación (gobierno departamental)", "", ""),
    ("Public Ministry", "Ministerio Público", "", ""),
    ("Royal Thai Police", "Policía Real Tailandesa", "", "สำนักงานตำรวจแห่งชาติ"),
    ("Supreme Court of Justice", "Corte Suprema de Justicia", "", ""),
    ("Winrock International", "Winrock International", "", "Winrock International"),
]

STAKEHOLDERS = [
    ("ATLAS Project Team and Civil Society", "Equipo del Proyecto ATLAS y sociedad civil", "",
     "ทีมงานโครงการ ATLAS และภาคประชาสังคม"),
    ("ATLAS Project Team and Civil Society Organizations Stakeholders",
     "Equipo del Proyecto ATLAS y actores de organizaciones de la sociedad civil", "", ""),
    ("Government Stakeholders", "Actores gubernamentales", "", "ผู้มีส่วนได้ส่วนเสียภาครัฐ"),
    ("CSO", "Organización de la sociedad civil (CSO)", "", "องค์กรภาคประชาสังคม (CSO)"),
    ("project staff", "personal del proyecto", "", "เจ้าหน้าที่โครงการ"),
    ("all respondents", "todos los entrevistados", "", "ผู้ให้ข้อมูลทั้งหมด"),
    ("government decision-maker", "responsable de decisiones del gobierno", "", "ผู้มีอำนาจตัดสินใจภาครัฐ"),
    ("government stakeholder", "actor gubernamental", "", "ผู้มีส่วนได้ส่วนเสียภาครัฐ"),
    ("non-staff (government and CSO)", "ajenos al personal del proyecto (gobierno y CSO)", "",
     "ผู้ที่ไม่ใช่เจ้าหน้าที่โครงการ (ภาครัฐและ CSO)"),
]

QUESTIONS = [
    ("Agencies had already established coordination among themselves, even without the project",
     "Las instituciones ya se coordinaban entre sí, incluso sin el proyecto", "",
     "หน่วยงานต่าง ๆ มีการประสานงานระหว่างกันอยู่แล้ว แม้ไม่มีโครงการ"),
    ("Are the project objectives well aligned with government priorities",
     "¿Los objetivos del proyecto están bien alineados con las prioridades del gobierno?", "",
     "วัตถุประสงค์ของโครงการสอดคล้องกับลำดับความสำคัญของรัฐบาลเป็นอย่างดีหรือไม่"),
    ("Are you familiar with the ATLAS Project?", "¿Conoce usted el Proyecto ATLAS?", "",
     "ท่านรู้จักโครงการ ATLAS หรือไม่"),
    ("BOK and PSA results were presented during a workshop they attended",
     "Los resultados del BOK y del PSA se presentaron en un taller al que asistieron", "",
     "ผลของ BOK และ PSA ได้รับการนำเสนอในการประชุมเชิงปฏิบัติการที่ตนเข้าร่วม"),
    ("Contents", "Contenido", "", "เนื้อหา"),
    ("Do you recall having referred to the Body of Knowledge?",
     "¿Recuerda haber consultado el Cuerpo de Conocimientos (BOK)?", "",
     "ท่านจำได้หรือไม่ว่าเคยอ้างอิงชุดองค์ความรู้ (BOK)"),
    ("Do you recall the presentation of the PSA at the start of the project?",
     "¿Recuerda la presentación del PSA al inicio del proyecto?", "",
     "ท่านจำการนำเสนอ PSA เมื่อเริ่มโครงการได้หรือไม่"),
    ("Does the interviewee correctly identify the activity?", "¿El entrevistado identifica correctamente la actividad?",
     "", "ผู้ให้สัมภาษณ์ระบุกิจกรรมได้ถูกต้องหรือไม่"),
    ("Does the interviewee mention the objectives when invited to so?",
     "¿El entrevistado menciona los objetivos cuando se le invita a hacerlo?", "",
     "ผู้ให้สัมภาษณ์กล่าวถึงวัตถุประสงค์ของโครงการเมื่อได้รับเชิญให้กล่าวถึงหรือไม่"),
    ("Familiar with the project's goals and/or objectives", "Conocen las metas y/o los objetivos del proyecto", "",
     "คุ้นเคยกับเป้าหมายและ/หรือวัตถุประสงค์ของโครงการ"),
    ("HT training documents used as reference or knowledge management resources in their organization",
     "Los documentos de capacitación sobre trata de personas se usan como referencia o recurso de gestión del "
     "conocimiento en su organización", "",
     "เอกสารการฝึกอบรมด้านการค้ามนุษย์ถูกใช้เป็นเอกสารอ้างอิงหรือแหล่งการจัดการความรู้ในองค์กรของตน"),
    ("Had seen the BOK or PSA, or reviewed part of the PSA", "Habían visto el BOK o el PSA, o revisado parte del PSA",
     "", "เคยเห็น BOK หรือ PSA หรือได้ทบทวน PSA บางส่วน"),
    ("Have applied the training topics in their work", "Han aplicado los temas de la capacitación en su trabajo", "",
     "ได้นำหัวข้อการฝึกอบรมไปใช้ในการปฏิบัติงานแล้ว"),
    ("Have you participated in one of the Project activities?",
     "¿Ha participado usted en alguna de las actividades del Proyecto?", "",
     "ท่านเคยเข้าร่วมกิจกรรมใดกิจกรรมหนึ่งของโครงการหรือไม่"),
    ("Instructors", "Instructores", "", "วิทยากร"),
    ("Involved since the design, planning and preparation of the project activities",
     "Participan desde el diseño, la planificación y la preparación de las actividades del proyecto", "",
     "มีส่วนร่วมตั้งแต่การออกแบบ การวางแผน และการเตรียมกิจกรรมของโครงการ"),
    ("Key informants by gender", "Informantes clave por género", "", "ผู้ให้ข้อมูลหลักจำแนกตามเพศ"),
    ("Key informants by stakeholder type", "Informantes clave por tipo de actor", "",
     "ผู้ให้ข้อมูลหลักจำแนกตามประเภทผู้มีส่วนได้ส่วนเสีย"),
    ("Knew about Winrock or the ATLAS project before taking part in the workshops",
     "Conocían a Winrock o el proyecto ATLAS antes de participar en los talleres", "",
     "รู้จัก Winrock หรือโครงการ ATLAS ก่อนเข้าร่วมการประชุมเชิงปฏิบัติการ"),
    ("Learnings from the workshop can be used in their work on CL, FL and HT",
     "Lo aprendido en el taller puede aplicarse en su trabajo sobre trabajo infantil, trabajo forzoso y trata de "
     "personas", "",
     "สิ่งที่ได้เรียนรู้จากการประชุมเชิงปฏิบัติการสามารถนำไปใช้ในงานด้านการใช้แรงงานเด็ก แรงงานบังคับ และการค้ามนุษย์"),
    ("Liked investigation and interview techniques for adults and children the most",
     "Lo que más les gustó: las técnicas de investigación y de entrevista a personas adultas y a niños, niñas y "
     "adolescentes", "",
     "ชื่นชอบหัวข้อเทคนิคการสืบสวนและการสัมภาษณ์ผู้ใหญ่และเด็กมากที่สุด"),
    ("Methodologies", "Metodologías", "", "วิธีการฝึกอบรม"),
    ("Organization", "Organización", "", "การจัดการฝึกอบรม"),
    ("Participation", "Participación", "", "การมีส่วนร่วม"),
    ("Project activities increased their interactions with counterparts in other offices on HT",
     "Las actividades del proyecto aumentaron su interacción con contrapartes de otras oficinas en materia de "
     "trata de personas", "",
     "กิจกรรมของโครงการช่วยเพิ่มการติดต่อประสานงานกับเจ้าหน้าที่ของหน่วยงานอื่นในประเด็นการค้ามนุษย์"),
    ("Project documents were made available for download",
     "Los documentos del proyecto se pusieron a disposición para su descarga", "",
     "เอกสารของโครงการเปิดให้ดาวน์โหลดได้"),
    ("Project strategy and interventions allowed sufficient flexibility to respond to the local context",
     "La estrategia y las intervenciones del proyecto dieron suficiente flexibilidad para responder al contexto "
     "local", "",
     "กลยุทธ์และการดำเนินงานของโครงการมีความยืดหยุ่นเพียงพอในการตอบสนองต่อบริบทในพื้นที่"),
    ("Project strategy, interventions and activities met the expectations of government stakeholders",
     "La estrategia, las intervenciones y las actividades del proyecto cumplieron las expectativas de los actores "
     "gubernamentales", "",
     "กลยุทธ์ การดำเนินงาน และกิจกรรมของโครงการเป็นไปตามความคาดหวังของผู้มีส่วนได้ส่วนเสียภาครัฐ"),
    ("Scheduling", "Programación (fechas y horarios)", "", "การกำหนดวันและเวลา"),
    ("Training topics on human trafficking could be applied in foreign countries",
     "Los temas de capacitación sobre trata de personas podrían aplicarse en otros países", "",
     "หัวข้อการฝึกอบรมด้านการค้ามนุษย์สามารถนำไปใช้ในต่างประเทศได้"),
    ("Workshop attendance of key informants", "Asistencia de los informantes clave a los talleres", "",
     "การเข้าร่วมการประชุมเชิงปฏิบัติการของผู้ให้ข้อมูลหลัก"),
    ("Workshops had content they did not previously know",
     "Los talleres tuvieron contenidos que no conocían previamente", "",
     "การประชุมเชิงปฏิบัติการมีเนื้อหาที่ตนไม่เคยทราบมาก่อน"),
]


ANSWERS = [
    ("ATLAS project staff (HQ and Thailand office)",
     "Personal del proyecto ATLAS (sede central y oficina de Tailandia)", "",
     "เจ้าหน้าที่โครงการ ATLAS (สำนักงานใหญ่และสำนักงานประเทศไทย)"),
    ("CSO staff", "Personal de organizaciones de la sociedad civil (CSO)", "",
     "เจ้าหน้าที่องค์กรภาคประชาสังคม (CSO)"),
    ("Decision-makers", "Responsables de la toma de decisiones", "", "ผู้มีอำนาจตัดสินใจ"),
    ("General government stakeholders", "Actores gubernamentales en general", "", "ผู้มีส่วนได้ส่วนเสียภาครัฐทั่วไป"),
    ("Government decision-makers", "Responsables de la toma de decisiones del gobierno", "",
     "ผู้มีอำนาจตัดสินใจภาครัฐ"),
    ("Only negative", "Solo negativos", "", "เชิงลบเท่านั้น"),
    ("Only positive", "Solo positivos", "", "เชิงบวกเท่านั้น"),
    ("Positive and negative", "Positivos y negativos", "", "ทั้งเชิงบวกและเชิงลบ"),
    ("Participants", "Participantes", "", "ผู้เข้าร่วม"),
    ("Project staff", "Personal del proyecto", "", "เจ้าหน้าที่โครงการ"),
    ("The Enforcement Training Program 2-day and 3-day training",
     f"Capacitaciones de 2 y 3 días del {ETP_ES}", "", f"การฝึกอบรม 2 วันและ 3 วัน ของ{ETP_TH}"),
    ("The Enforcement Training Program 2-day training",
     f"Capacitación de 2 días del {ETP_ES}", "", f"การฝึกอบรม 2 วัน ของ{ETP_TH}"),
    ("The Enforcement Training Program 2-day training and the Multi-Disciplinary Teams 2-day online training",
     f"Capacitación de 2 días del {ETP_ES} y capacitación en línea de 2 días de {MDT_ES}", "",
     f"การฝึกอบรม 2 วัน ของ{ETP_TH} และการฝึกอบรมออนไลน์ 2 วัน สำหรับ{MDT_TH}"),
    ("The Enforcement Training Program 2-day training; and Enforcement Training Program, Ministry of Labour 3-day "
     "training",
     f"Capacitación de 2 días del {ETP_ES}; y capacitación de 3 días del {ETP_ES}, Ministerio de Trabajo", "",
     f"การฝึกอบรม 2 วัน ของ{ETP_TH} และการฝึกอบรม 3 วัน ของ{ETP_TH} กระทรวงแรงงาน"),
    ("The Enforcement Training Program 3-day training",
     f"Capacitación de 3 días del {ETP_ES}", "", f"การฝึกอบรม 3 วัน ของ{ETP_TH}"),
    ("The Enforcement Training Program 3-day training and Multi-Disciplinary Teams 2-day training",
     f"Capacitación de 3 días del {ETP_ES} y capacitación de 2 días de {MDT_ES}", "",
     f"การฝึกอบรม 3 วัน ของ{ETP_TH} และการฝึกอบรม 2 วัน สำหรับ{MDT_TH}"),
    ("The Enforcement Training Program, Ministry of Labour, 3-day training",
     f"Capacitación de 3 días del {ETP_ES}, Ministerio de Trabajo", "",
     f"การฝึกอบรม 3 วัน ของ{ETP_TH} กระทรวงแรงงาน"),
    ("The Multi-Disciplinary Teams 2-day online training", f"Capacitación en línea de 2 días de {MDT_ES}", "",
     f"การฝึกอบรมออนไลน์ 2 วัน สำหรับ{MDT_TH}"),
]

INDICATORS = [  # es as in atlas_data/locales/es/pages.json
    ("Activities implemented to strengthen the labor and/or criminal judicial system",
     "Actividades implementadas para fortalecer el sistema judicial laboral y/o penal", "",
     "กิจกรรมที่ดำเนินการเพื่อเสริมสร้างความเข้มแข็งของกระบวนการยุติธรรมด้านแรงงานและ/หรือทางอาญา"),
    ("Evidence-based coordination models that address institutional priorities",
     "Modelos de coordinación basados en evidencia que atienden prioridades institucionales", "",
     "รูปแบบการประสานงานที่อิงหลักฐานเชิงประจักษ์ซึ่งตอบสนองต่อลำดับความสำคัญของหน่วยงาน"),
    ("Individuals provided with training or other support",
     "Personas que recibieron capacitación u otro apoyo", "",
     "บุคคลที่ได้รับการฝึกอบรมหรือการสนับสนุนอื่น ๆ"),
]

NOTES = [  # notes of the interview tallies, DMOP status and DMOP milestones (English); every note gets th
    ("Alumni complained about lack of commitment of their peers.; Others suggested that there "
     "should be more follow up activity with on-the-job training; Some interviewees wished there "
     "had been more debate about the issues; Would like to have seen more participation from the "
     "Education sector and Foreign Affairs.",
     "Los egresados se quejaron de la falta de compromiso de sus pares.; Otros sugirieron que "
     "debería haber más actividades de seguimiento con capacitación en el puesto de trabajo; "
     "Algunos entrevistados hubieran deseado más debate sobre los temas; Les habría gustado ver "
     "una mayor participación del sector de Educación y de Relaciones Exteriores.", "",
     "ผู้ผ่านการอบรมร้องเรียนว่าเพื่อนร่วมรุ่นขาดความมุ่งมั่น; "
     "ผู้ให้สัมภาษณ์บางส่วนเสนอว่าควรมีกิจกรรมติดตามผลควบคู่กับการฝึกอบรมระหว่างการปฏิบัติงานมากขึ้"
     "น; ผู้ให้สัมภาษณ์บางรายต้องการให้มีการอภิปรายประเด็นต่าง ๆ มากกว่านี้; "
     "ต้องการเห็นการมีส่วนร่วมจากภาคการศึกษาและด้านการต่างประเทศมากขึ้น"),
    ("Heads of the national institutions (directors, general directors)",
     "Titulares de las instituciones nacionales (directores, directores generales)", "",
     "หัวหน้าหน่วยงานระดับชาติ (ผู้อำนวยการ ผู้อำนวยการใหญ่)"),
    ("One from Winrock, three from POA",
     "Uno de Winrock, tres de POA", "",
     "หนึ่งคนจาก Winrock และสามคนจาก POA"),
    ("Some interviewees would have liked more on the issue of the criminal offenses involved in "
     "cases of CL, FL and HT.",
     "Algunos entrevistados hubieran deseado más contenido sobre los delitos penales involucrados "
     "en los casos de CL, FL y HT.", "",
     "ผู้ให้สัมภาษณ์บางรายต้องการให้มีเนื้อหาเพิ่มเติมเกี่ยวกับความผิดทางอาญาที่เกี่ยวข้องในคดี "
     "CL, FL และ HT"),
    ("The negative comments were mostly related to the pros and cons of online platforms.",
     "Los comentarios negativos se relacionaron principalmente con las ventajas y desventajas de "
     "las plataformas en línea.", "",
     "ความคิดเห็นเชิงลบส่วนใหญ่เกี่ยวข้องกับข้อดีและข้อเสียของแพลตฟอร์มออนไลน์"),
    ("10 non-staff respondents reported that project documents were made available for download "
     "(6.5.3)",
     "10 entrevistados que no forman parte del personal del proyecto informaron que los documentos "
     "del proyecto se pusieron a disposición para su descarga (6.5.3)", "",
     "ผู้ให้สัมภาษณ์ที่ไม่ใช่เจ้าหน้าที่โครงการ 10 รายรายงานว่ามีการเผยแพร่เอกสารของโครงการให้ดาวน์"
     "โหลดได้ (6.5.3)"),
    ("13 government and CSO stakeholders involved in the workshops reported that the training "
     "topics on human trafficking could be applied, in whole or in part, in foreign countries "
     "(6.5.6)",
     "13 actores gubernamentales y de CSO que participaron en los talleres informaron que los "
     "temas de capacitación sobre trata de personas podrían aplicarse, total o parcialmente, en "
     "otros países (6.5.6)", "",
     "ผู้มีส่วนได้ส่วนเสียภาครัฐและ CSO 13 รายที่เข้าร่วมการประชุมเชิงปฏิบัติการรายงานว่าหัวข้อการ"
     "ฝึกอบรมด้านการค้ามนุษย์สามารถนำไปใช้ในต่างประเทศได้ทั้งหมดหรือบางส่วน (6.5.6)"),
    ("15 government stakeholders confirmed that the learnings they gained from the workshop could "
     "be used in their work (6.5.4)",
     "15 actores gubernamentales confirmaron que los aprendizajes adquiridos en el taller podían "
     "utilizarse en su trabajo (6.5.4)", "",
     "ผู้มีส่วนได้ส่วนเสียภาครัฐ 15 รายยืนยันว่าความรู้ที่ได้รับจากการประชุมเชิงปฏิบัติการสามารถนำ"
     "ไปใช้ในการปฏิบัติงานของตนได้ (6.5.4)"),
    ("15 non-staff respondents indicated that the project strategy, interventions, and activities "
     "met the expectations of government stakeholders and were responsive to government needs and "
     "priorities (6.5.4)",
     "15 entrevistados que no forman parte del personal del proyecto indicaron que la estrategia, "
     "las intervenciones y las actividades del proyecto cumplieron las expectativas de los actores "
     "gubernamentales y respondieron a las necesidades y prioridades del gobierno (6.5.4)", "",
     "ผู้ให้สัมภาษณ์ที่ไม่ใช่เจ้าหน้าที่โครงการ 15 รายระบุว่ากลยุทธ์ การดำเนินการ "
     "และกิจกรรมของโครงการเป็นไปตามความคาดหวังของผู้มีส่วนได้ส่วนเสียภาครัฐ "
     "และตอบสนองต่อความต้องการและลำดับความสำคัญของภาครัฐ (6.5.4)"),
    ("16 government stakeholders reported that the project strategy and interventions allowed for "
     "sufficient flexibility (6.5.4)",
     "16 actores gubernamentales informaron que la estrategia y las intervenciones del proyecto "
     "permitieron una flexibilidad suficiente (6.5.4)", "",
     "ผู้มีส่วนได้ส่วนเสียภาครัฐ 16 รายรายงานว่ากลยุทธ์และการดำเนินการของโครงการมีความยืดหยุ่นเพียง"
     "พอ (6.5.4)"),
    ("22 in the Methodology paragraph and the Conclusions",
     "22 en el párrafo de Metodología y en las Conclusiones", "",
     "22 ในย่อหน้าว่าด้วยระเบียบวิธีและในส่วนข้อสรุป"),
    ("9 respondents among government and CSO stakeholders did not know or could not recall "
     "anything about the objectives or purpose of the ATLAS project (6.5.1)",
     "9 entrevistados entre los actores gubernamentales y de CSO no conocían o no recordaban nada "
     "sobre los objetivos o el propósito del proyecto ATLAS (6.5.1)", "",
     "ผู้ให้สัมภาษณ์ 9 รายจากผู้มีส่วนได้ส่วนเสียภาครัฐและ CSO "
     "ไม่ทราบหรือจำไม่ได้เลยเกี่ยวกับวัตถุประสงค์หรือเป้าประสงค์ของโครงการ ATLAS (6.5.1)"),
    ("Among five government decision-makers, two reported being involved with the project since "
     "the design, planning, and preparation of the project activities (6.5.2)",
     "De cinco responsables de la toma de decisiones del gobierno, dos informaron haber "
     "participado en el proyecto desde el diseño, la planificación y la preparación de las "
     "actividades del proyecto (6.5.2)", "",
     "ในบรรดาผู้มีอำนาจตัดสินใจภาครัฐห้าราย มีสองรายรายงานว่าได้มีส่วนร่วมกับโครงการตั้งแต่ขั้นการอ"
     "อกแบบ การวางแผน และการเตรียมกิจกรรมของโครงการ (6.5.2)"),
    ("Among the non-staff respondents, 8 reported having learned about Winrock or the ATLAS "
     "project through various channels before taking part in the workshops (6.5.1)",
     "Entre los entrevistados que no forman parte del personal del proyecto, 8 informaron haber "
     "conocido a Winrock o el proyecto ATLAS por diversos canales antes de participar en los "
     "talleres (6.5.1)", "",
     "ในบรรดาผู้ให้สัมภาษณ์ที่ไม่ใช่เจ้าหน้าที่โครงการ มี 8 รายรายงานว่าได้รู้จัก Winrock "
     "หรือโครงการ ATLAS ผ่านช่องทางต่าง ๆ ก่อนเข้าร่วมการประชุมเชิงปฏิบัติการ (6.5.1)"),
    ("For all but two of the KIs, there was some content of the workshops that they did not "
     "previously know (6.5.2)",
     "Para todos los informantes clave excepto dos, hubo algún contenido de los talleres que no "
     "conocían previamente (6.5.2)", "",
     "ผู้ให้ข้อมูลสำคัญทุกรายยกเว้นสองรายพบว่ามีเนื้อหาบางส่วนของการประชุมเชิงปฏิบัติการที่ตนไม่เคย"
     "ทราบมาก่อน (6.5.2)"),
    ("Four KIs specifically reported that they have not yet applied the topics in their work "
     "(COVID-19) (6.5.2)",
     "Cuatro informantes clave señalaron específicamente que aún no han aplicado los temas en su "
     "trabajo (COVID-19) (6.5.2)", "",
     "ผู้ให้ข้อมูลสำคัญสี่รายระบุโดยเฉพาะว่ายังไม่ได้นำหัวข้อดังกล่าวไปใช้ในการปฏิบัติงาน "
     "(COVID-19) (6.5.2)"),
    ("One further respondent, unable to explain the details of the documents (6.5.3)",
     "Un entrevistado más, que no pudo explicar los detalles de los documentos (6.5.3)", "",
     "ผู้ให้สัมภาษณ์อีกหนึ่งรายซึ่งไม่สามารถอธิบายรายละเอียดของเอกสารได้ (6.5.3)"),
    ("Six respondents noted that project activities were beneficial in helping to increase their "
     "interactions with the network of counterparts in other offices to address the HT issues "
     "(6.5.3)",
     "Seis entrevistados señalaron que las actividades del proyecto fueron beneficiosas para "
     "aumentar su interacción con la red de contrapartes de otras oficinas para abordar los temas "
     "de HT (6.5.3)", "",
     "ผู้ให้สัมภาษณ์หกรายระบุว่ากิจกรรมของโครงการเป็นประโยชน์ในการช่วยเพิ่มการติดต่อกับเครือข่ายผู้"
     "ปฏิบัติงานคู่ประสานในสำนักงานอื่น ๆ เพื่อแก้ไขปัญหา HT (6.5.3)"),
    ("The majority of respondents (27) claimed at least some degree of familiarity with the "
     "project's goals and/or objectives (6.5.1)",
     "La mayoría de los entrevistados (27) afirmó tener al menos cierto grado de familiaridad con "
     "las metas y/u objetivos del proyecto (6.5.1)", "",
     "ผู้ให้สัมภาษณ์ส่วนใหญ่ (27 ราย) ระบุว่าตนคุ้นเคยกับเป้าหมายและ/หรือวัตถุประสงค์ของโครงการอย่า"
     "งน้อยในระดับหนึ่ง (6.5.1)"),
    ("The most frequently cited topic liked the most, with 11 respondents referring to it (6.5.2)",
     "El tema más citado como el que más gustó, mencionado por 11 entrevistados (6.5.2)", "",
     "หัวข้อที่ถูกกล่าวถึงบ่อยที่สุดว่าชอบมากที่สุด โดยมีผู้ให้สัมภาษณ์ 11 รายกล่าวถึง (6.5.2)"),
    ("Three KIs said the HT training documents were used as reference (6.5.2)",
     "Tres informantes clave dijeron que los documentos de capacitación sobre HT se utilizaron "
     "como referencia (6.5.2)", "",
     "ผู้ให้ข้อมูลสำคัญสามรายกล่าวว่ามีการใช้เอกสารการฝึกอบรมด้าน HT เป็นเอกสารอ้างอิง (6.5.2)"),
    ("Three government stakeholders reported that even without this project the agencies had "
     "already established coordination among themselves (6.5.6)",
     "Tres actores gubernamentales informaron que, incluso sin este proyecto, las instituciones ya "
     "habían establecido coordinación entre sí (6.5.6)", "",
     "ผู้มีส่วนได้ส่วนเสียภาครัฐสามรายรายงานว่าแม้ไม่มีโครงการนี้ หน่วยงานต่าง ๆ "
     "ก็ได้มีการประสานงานระหว่างกันอยู่แล้ว (6.5.6)"),
    ("Three non-staff respondents reported that they had seen the BOK or PSA previously or "
     "reviewed a part of the PSA (6.5.3)",
     "Tres entrevistados que no forman parte del personal del proyecto informaron que habían visto "
     "previamente el BOK o el PSA, o que habían revisado una parte del PSA (6.5.3)", "",
     "ผู้ให้สัมภาษณ์ที่ไม่ใช่เจ้าหน้าที่โครงการสามรายรายงานว่าเคยเห็น BOK หรือ PSA มาก่อน "
     "หรือได้ทบทวน PSA บางส่วน (6.5.3)"),
    ("Workshop dates: December 20, 2020, 2-day Enforcement Training Program; and March 21, 202, "
     "3-day Enforcement Training Program",
     "Fechas de los talleres: 20 de diciembre de 2020, Programa de Capacitación para la Aplicación "
     "de la Ley de 2 días; y 21 de marzo de 202, Programa de Capacitación para la Aplicación de la "
     "Ley de 3 días", "",
     "วันที่จัดการประชุมเชิงปฏิบัติการ: 20 ธันวาคม 2020 หลักสูตรฝึกอบรมด้านการบังคับใช้กฎหมาย 2 "
     "วัน; และ 21 มีนาคม 202 หลักสูตรฝึกอบรมด้านการบังคับใช้กฎหมาย 3 วัน"),
    ("Workshop dates: December 2020",
     "Fechas de los talleres: diciembre de 2020", "",
     "วันที่จัดการประชุมเชิงปฏิบัติการ: ธันวาคม 2020"),
    ("Workshop dates: December 2020 and June 2021",
     "Fechas de los talleres: diciembre de 2020 y junio de 2021", "",
     "วันที่จัดการประชุมเชิงปฏิบัติการ: ธันวาคม 2020 และมิถุนายน 2021"),
    ("Workshop dates: July 21, 2021",
     "Fechas de los talleres: 21 de julio de 2021", "",
     "วันที่จัดการประชุมเชิงปฏิบัติการ: 21 กรกฎาคม 2021"),
    ("Workshop dates: June 21, 2021",
     "Fechas de los talleres: 21 de junio de 2021", "",
     "วันที่จัดการประชุมเชิงปฏิบัติการ: 21 มิถุนายน 2021"),
    ("Workshop dates: June 21, 2021, online 2-day Enforcement Training Program; and July 21, 2021, "
     "online 3-day Enforcement Training Program, Ministry of Labour",
     "Fechas de los talleres: 21 de junio de 2021, Programa de Capacitación para la Aplicación de "
     "la Ley de 2 días en línea; y 21 de julio de 2021, Programa de Capacitación para la "
     "Aplicación de la Ley de 3 días en línea, Ministerio de Trabajo", "",
     "วันที่จัดการประชุมเชิงปฏิบัติการ: 21 มิถุนายน 2021 "
     "หลักสูตรฝึกอบรมด้านการบังคับใช้กฎหมายแบบออนไลน์ 2 วัน; และ 21 กรกฎาคม 2021 "
     "หลักสูตรฝึกอบรมด้านการบังคับใช้กฎหมายแบบออนไลน์ 3 วัน กระทรวงแรงงาน"),
    ("Workshop dates: March 21, 2021",
     "Fechas de los talleres: 21 de marzo de 2021", "",
     "วันที่จัดการประชุมเชิงปฏิบัติการ: 21 มีนาคม 2021"),
    ("Workshop dates: March 21, 2021 (3-day Enforcement Training Program); and June 2, 2021, "
     "(2-day Multi-Disciplinary Teams training)",
     "Fechas de los talleres: 21 de marzo de 2021 (Programa de Capacitación para la Aplicación de "
     "la Ley de 3 días); y 2 de junio de 2021, (capacitación de Equipos Multidisciplinarios de 2 "
     "días)", "",
     "วันที่จัดการประชุมเชิงปฏิบัติการ: 21 มีนาคม 2021 (หลักสูตรฝึกอบรมด้านการบังคับใช้กฎหมาย 3 "
     "วัน); และ 2 มิถุนายน 2021 (การฝึกอบรมทีมสหวิชาชีพ 2 วัน)"),
    ("ATLAS is implementing the DMOP strategy; interventions not yet developed or piloted (MTE, "
     "section 3.3)",
     "ATLAS está implementando la estrategia DMOP; intervenciones aún no desarrolladas ni "
     "piloteadas (MTE, sección 3.3)", "",
     "ATLAS อยู่ระหว่างดำเนินยุทธศาสตร์ DMOP; ยังไม่มีการพัฒนาหรือนำร่องการดำเนินการ (MTE หัวข้อ "
     "3.3)"),
    ("Discussions underway with the government to begin work in the fourth quarter of 2020 "
     "(Progress Highlights Jan 2019–Jun 2020)",
     "Conversaciones en curso con el gobierno para iniciar el trabajo en el cuarto trimestre de "
     "2020 (Progress Highlights ene 2019–jun 2020)", "",
     "อยู่ระหว่างหารือกับภาครัฐเพื่อเริ่มดำเนินงานในไตรมาสที่ 4 ของปี 2020 (Progress Highlights "
     "ม.ค. 2019–มิ.ย. 2020)"),
    ("Letter of Support received endorsing expansion of the ATLAS program (Progress Highlights Q3 "
     "2020); the focus would be on enforcement and coordination (Outcomes 2 & 3)",
     "Se recibió una carta de apoyo que respalda la ampliación del programa ATLAS (Progress "
     "Highlights Q3 2020); el enfoque estaría en la aplicación de la ley y la coordinación "
     "(Resultados 2 y 3)", "",
     "ได้รับหนังสือสนับสนุนการขยายโครงการ ATLAS (Progress Highlights Q3 2020); "
     "โดยจะมุ่งเน้นด้านการบังคับใช้กฎหมายและการประสานงาน (ผลลัพธ์ที่ 2 และ 3)"),
    ("Letter of Support received endorsing expansion of the ATLAS program (Progress Highlights Q3 "
     "2020); possible expansion ('and possibly Bolivia'); the project would work to improve "
     "legislation and enforcement (Outcomes 1&2)",
     "Se recibió una carta de apoyo que respalda la ampliación del programa ATLAS (Progress "
     "Highlights Q3 2020); posible ampliación ('y posiblemente Bolivia'); el proyecto trabajaría "
     "para mejorar la legislación y la aplicación de la ley (Resultados 1 y 2)", "",
     "ได้รับหนังสือสนับสนุนการขยายโครงการ ATLAS (Progress Highlights Q3 2020); อาจมีการขยายโครงการ "
     "('และอาจรวมถึงโบลิเวีย'); โครงการจะดำเนินงานเพื่อปรับปรุงกฎหมายและการบังคับใช้กฎหมาย "
     "(ผลลัพธ์ที่ 1 และ 2)"),
    ("Letter of Support received endorsing expansion of the ATLAS program (Progress Highlights Q3 "
     "2020); the project would work to improve legislation and enforcement (Outcomes 1&2)",
     "Se recibió una carta de apoyo que respalda la ampliación del programa ATLAS (Progress "
     "Highlights Q3 2020); el proyecto trabajaría para mejorar la legislación y la aplicación de "
     "la ley (Resultados 1 y 2)", "",
     "ได้รับหนังสือสนับสนุนการขยายโครงการ ATLAS (Progress Highlights Q3 2020); "
     "โครงการจะดำเนินงานเพื่อปรับปรุงกฎหมายและการบังคับใช้กฎหมาย (ผลลัพธ์ที่ 1 และ 2)"),
    ("Pilot stage ended, and they are entering the evaluation stage, looking at refinement",
     "La etapa piloto finalizó y están entrando en la etapa de evaluación, con miras al "
     "perfeccionamiento", "",
     "ขั้นนำร่องสิ้นสุดแล้ว และกำลังเข้าสู่ขั้นการประเมินผล โดยพิจารณาการปรับปรุง"),
    ("Pilot stage, with important communication material that needs to be tested.",
     "Etapa piloto, con material de comunicación importante que debe ponerse a prueba.", "",
     "อยู่ในขั้นนำร่อง โดยมีสื่อการสื่อสารสำคัญที่ต้องได้รับการทดสอบ"),
    ("The ATLAS Project has yet to establish working groups and refine the model of practice",
     "El Proyecto ATLAS aún debe conformar grupos de trabajo y perfeccionar el modelo de práctica", "",
     "โครงการ ATLAS ยังไม่ได้จัดตั้งคณะทำงานและปรับปรุงรูปแบบการปฏิบัติ"),
    ("The pilot is approaching the final stage, preparing for evaluation and then refinement",
     "El piloto se acerca a la etapa final, preparándose para la evaluación y luego el "
     "perfeccionamiento", "",
     "การนำร่องใกล้เข้าสู่ขั้นสุดท้าย อยู่ระหว่างเตรียมการประเมินผลและการปรับปรุงในลำดับต่อไป"),
    ("The pilot phase is ending, going into evaluation and refinement",
     "La fase piloto está finalizando y se pasa a la evaluación y el perfeccionamiento", "",
     "ระยะนำร่องกำลังจะสิ้นสุด และเข้าสู่การประเมินผลและการปรับปรุง"),
    ("They have evaluated the training and refined the training program, presented the refined "
     "program to stakeholders and are implementing new methodologies.",
     "Han evaluado la capacitación y perfeccionado el programa de capacitación, presentado el "
     "programa perfeccionado a los actores y están implementando nuevas metodologías.", "",
     "ได้ประเมินผลการฝึกอบรมและปรับปรุงหลักสูตรการฝึกอบรม "
     "นำเสนอหลักสูตรที่ปรับปรุงแล้วต่อผู้มีส่วนได้ส่วนเสีย และกำลังนำวิธีการใหม่ ๆ มาใช้"),
    ("Validated by all eight government stakeholders in individual meetings (in-person or virtual) "
     "held with POA during the quarter",
     "Validado por los ocho actores gubernamentales en reuniones individuales (presenciales o "
     "virtuales) realizadas con POA durante el trimestre", "",
     "ได้รับการรับรองจากผู้มีส่วนได้ส่วนเสียภาครัฐทั้งแปดรายในการประชุมแยกรายหน่วยงาน "
     "(แบบพบหน้าหรือแบบออนไลน์) ที่จัดร่วมกับ POA ในไตรมาสนั้น"),
    ("Multidisciplinary Teams Training completed pilot phase of the DMOP process, the feedback on "
     "the DMOP collected and DMOP is at the refinement stage.",
     "La Capacitación de Equipos Multidisciplinarios completó la fase piloto del proceso DMOP; se "
     "recopiló la retroalimentación sobre el DMOP y el DMOP se encuentra en la etapa de "
     "perfeccionamiento.", "",
     "การฝึกอบรมทีมสหวิชาชีพผ่านระยะนำร่องของกระบวนการ DMOP แล้ว ได้รวบรวมข้อคิดเห็นต่อ DMOP แล้ว "
     "และ DMOP อยู่ในขั้นการปรับปรุง"),
    ("The Community Referrals DMOP is at the design and development stage. Not yet piloted.",
     "El DMOP de Derivaciones Comunitarias se encuentra en la etapa de diseño y desarrollo. Aún no "
     "se ha piloteado.", "",
     "DMOP การส่งต่อโดยชุมชน (Community Referrals) อยู่ในขั้นการออกแบบและพัฒนา ยังไม่มีการนำร่อง"),
    ("The pilot phase of ETP completed, an assessment of the pilot conducted, assessment result "
     "presented to stakeholder for feedback and refinement of the materials, training materials "
     "refined and the ETP is at the re-implementation stage.",
     "Se completó la fase piloto del ETP, se realizó una evaluación del piloto, se presentaron los "
     "resultados de la evaluación a los actores para recibir retroalimentación y perfeccionar los "
     "materiales, se perfeccionaron los materiales de capacitación y el ETP se encuentra en la "
     "etapa de reimplementación.", "",
     "ระยะนำร่องของ ETP เสร็จสิ้นแล้ว ได้ดำเนินการประเมินผลการนำร่อง "
     "นำเสนอผลการประเมินต่อผู้มีส่วนได้ส่วนเสียเพื่อรับข้อคิดเห็นและปรับปรุงเอกสาร "
     "ได้ปรับปรุงเอกสารการฝึกอบรมแล้ว และ ETP อยู่ในขั้นการนำกลับไปดำเนินการอีกครั้ง"),
    ("The practitioner guide design and development completed and is ready for pilot stage of the "
     "DMOP",
     "Se completaron el diseño y el desarrollo de la guía práctica para operadores, que está lista "
     "para la etapa piloto del DMOP", "",
     "การออกแบบและพัฒนาคู่มือสำหรับผู้ปฏิบัติงานเสร็จสิ้นแล้ว และพร้อมเข้าสู่ขั้นนำร่องของ DMOP"),
    ("The practitioner’s Guide on Coordination completed pilot phase of the DMOP process, the "
     "feedback on the DMOP collected and DMOP is at the refinement stage.",
     "La Guía práctica para operadores sobre coordinación completó la fase piloto del proceso "
     "DMOP; se recopiló la retroalimentación sobre el DMOP y el DMOP se encuentra en la etapa de "
     "perfeccionamiento.", "",
     "คู่มือสำหรับผู้ปฏิบัติงานว่าด้วยการประสานงานผ่านระยะนำร่องของกระบวนการ DMOP แล้ว "
     "ได้รวบรวมข้อคิดเห็นต่อ DMOP แล้ว และ DMOP อยู่ในขั้นการปรับปรุง"),
    ("Body of Knowledge formally issued in April 2020 (MTE 5.4.1)",
     "Cuerpo de Conocimientos (BOK) emitido formalmente en abril de 2020 (MTE 5.4.1)", "",
     "ชุดองค์ความรู้ (BOK) ออกเผยแพร่อย่างเป็นทางการในเดือนเมษายน 2020 (MTE 5.4.1)"),
    ("Evaluation: MTESS 16 Jul 2021, PN 16 Jul 2021, CSJ 23 Jul 2021; joint evaluation meeting "
     "with MINNA, MDS, MEC and MRREE 29 Jul 2021",
     "Evaluación: MTESS 16 jul 2021, PN 16 jul 2021, CSJ 23 jul 2021; reunión conjunta de "
     "evaluación con MINNA, MDS, MEC y MRREE 29 jul 2021", "",
     "การประเมินผล: MTESS 16 ก.ค. 2021, PN 16 ก.ค. 2021, CSJ 23 ก.ค. 2021; "
     "การประชุมประเมินผลร่วมกับ MINNA, MDS, MEC และ MRREE 29 ก.ค. 2021"),
    ("PSA: scope of work sent to USDOL Aug 2019; preliminary results validated with 26 "
     "participants from 13 institutions in Nov 2019; draft sent to USDOL 13/12/2019; final version "
     "approved March/April 2020 (MTE 5.4.1)",
     "PSA: alcance del trabajo enviado al USDOL en ago 2019; resultados preliminares validados con "
     "26 participantes de 13 instituciones en nov 2019; borrador enviado al USDOL el 13/12/2019; "
     "versión final aprobada en marzo/abril de 2020 (MTE 5.4.1)", "",
     "PSA: ส่งขอบเขตงานให้ USDOL ส.ค. 2019; รับรองผลเบื้องต้นร่วมกับผู้เข้าร่วม 26 คนจาก 13 "
     "หน่วยงาน พ.ย. 2019; ส่งร่างให้ USDOL 13/12/2019; ฉบับสมบูรณ์ได้รับอนุมัติมีนาคม/เมษายน 2020 "
     "(MTE 5.4.1)"),
    ("Pilot: General Symposium (4 and 6 Nov 2020), Social Protection Symposium (20 and 25 Nov "
     "2020), Enforcement Symposium; ToT for labor inspectors and MP (11 Dec 2020); ToT for police "
     "(10 Apr, 12 May, 31 May, 9 Jun 2021); ToT for labor inspectors (Feb and Mar 2021)",
     "Piloto: Simposio General (4 y 6 nov 2020), Simposio de Protección Social (20 y 25 nov 2020), "
     "Simposio de Aplicación de la Ley; ToT para inspectores de trabajo y MP (11 dic 2020); ToT "
     "para la policía (10 abr, 12 may, 31 may, 9 jun 2021); ToT para inspectores de trabajo (feb y "
     "mar 2021)", "",
     "การนำร่อง: การสัมมนาทั่วไป (4 และ 6 พ.ย. 2020), การสัมมนาด้านการคุ้มครองทางสังคม (20 และ 25 "
     "พ.ย. 2020), การสัมมนาด้านการบังคับใช้กฎหมาย; การฝึกอบรมวิทยากร (ToT) "
     "สำหรับพนักงานตรวจแรงงานและ MP (11 ธ.ค. 2020); ToT สำหรับตำรวจ (10 เม.ย., 12 พ.ค., 31 พ.ค., 9 "
     "มิ.ย. 2021); ToT สำหรับพนักงานตรวจแรงงาน (ก.พ. และ มี.ค. 2021)"),
    ("Step 7 reached by the last quarter of 2021 (MTE 5.5.3)",
     "Paso 7 alcanzado en el último trimestre de 2021 (MTE 5.5.3)", "",
     "ถึงขั้นตอนที่ 7 ภายในไตรมาสสุดท้ายของปี 2021 (MTE 5.5.3)"),
    ("Survey of CSJ, MDP, MTESS and MP on compensation to victims: 42 interviews in May and June "
     "2021; working group meetings 28 Jul 2021 (18 officials) and 2 Sep 2021 (14)",
     "Encuesta a la CSJ, el MDP, el MTESS y el MP sobre la indemnización a víctimas: 42 "
     "entrevistas en mayo y junio de 2021; reuniones del grupo de trabajo el 28 jul 2021 (18 "
     "funcionarios) y el 2 sep 2021 (14)", "",
     "การสำรวจ CSJ, MDP, MTESS และ MP เรื่องการชดเชยเยียวยาผู้เสียหาย: สัมภาษณ์ 42 "
     "ครั้งในเดือนพฤษภาคมและมิถุนายน 2021; การประชุมคณะทำงาน 28 ก.ค. 2021 (เจ้าหน้าที่ 18 คน) และ "
     "2 ก.ย. 2021 (14 คน)"),
    ("Three meetings in Feb 2021 to define next steps; table of outreach commitments of each "
     "national stakeholder completed",
     "Tres reuniones en feb 2021 para definir los próximos pasos; se completó la tabla de "
     "compromisos de difusión de cada actor nacional", "",
     "การประชุมสามครั้งใน ก.พ. 2021 เพื่อกำหนดขั้นตอนต่อไป; "
     "จัดทำตารางข้อผูกพันด้านการเผยแพร่ของผู้มีส่วนได้ส่วนเสียระดับชาติแต่ละรายเสร็จสิ้นแล้ว"),
    ("Training materials developed, experts and instructors defined; last version of the ETP "
     "training manual issued in October 2020",
     "Materiales de capacitación elaborados, expertos e instructores definidos; última versión del "
     "manual de capacitación del ETP emitida en octubre de 2020", "",
     "จัดทำเอกสารการฝึกอบรมแล้ว กำหนดผู้เชี่ยวชาญและวิทยากรแล้ว; คู่มือการฝึกอบรม ETP "
     "ฉบับล่าสุดออกเผยแพร่ในเดือนตุลาคม 2020"),
    ("Validation of the DMOP action plans in eight individual virtual sessions: Ministry for "
     "Children and Adolescents – 10/06/2020; Public Ministry – 15/06/2020; Ministry of Labor, "
     "Employment and Social Security – 29/06/2020; Ministry of Public Defense – 21/07/2020; "
     "Supreme Court of Justice – 24/07/2020; Ministry for Women (MM) – 10/08/2020; National Police "
     "– 24/08/2020; Ministry of Foreign Affairs (MRREE) – 07/09/2020. No validation meeting with "
     "MDS; agreement signed with the Minister in February 2021 (MTE 5.4.1)",
     "Validación de los planes de acción de los DMOP en ocho sesiones virtuales individuales: "
     "Ministerio de la Niñez y la Adolescencia – 10/06/2020; Ministerio Público – 15/06/2020; "
     "Ministerio de Trabajo, Empleo y Seguridad Social – 29/06/2020; Ministerio de la Defensa "
     "Pública – 21/07/2020; Corte Suprema de Justicia – 24/07/2020; Ministerio de la Mujer (MM) – "
     "10/08/2020; Policía Nacional – 24/08/2020; Ministerio de Relaciones Exteriores (MRREE) – "
     "07/09/2020. No hubo reunión de validación con el MDS; acuerdo firmado con el Ministro en "
     "febrero de 2021 (MTE 5.4.1)", "",
     "การรับรองแผนปฏิบัติการ DMOP ในการประชุมออนไลน์แยกรายหน่วยงานแปดครั้ง: กระทรวงเด็กและวัยรุ่น "
     "– 10/06/2020; สำนักงานอัยการ (Ministerio Público) – 15/06/2020; กระทรวงแรงงาน "
     "การจ้างงานและความมั่นคงทางสังคม – 29/06/2020; สำนักงานทนายความสาธารณะ (Ministerio de la "
     "Defensa Pública) – 21/07/2020; ศาลฎีกา – 24/07/2020; กระทรวงสตรี (MM) – 10/08/2020; "
     "ตำรวจแห่งชาติ – 24/08/2020; กระทรวงการต่างประเทศ (MRREE) – 07/09/2020 "
     "ไม่มีการประชุมรับรองกับ MDS; ลงนามข้อตกลงกับรัฐมนตรีในเดือนกุมภาพันธ์ 2021 (MTE 5.4.1)"),
    ("Virtual meeting with CONAETI, CONTRAFOR and the HT Roundtable (Feb 2021); consultancy for "
     "the 'Analysis of Public Policies' paper recruited March 2021; results presented July 2021; "
     "final version presented September 2021",
     "Reunión virtual con CONAETI, CONTRAFOR y la Mesa Interinstitucional de HT (feb 2021); "
     "consultoría para el documento 'Análisis de Políticas Públicas' contratada en marzo de 2021; "
     "resultados presentados en julio de 2021; versión final presentada en septiembre de 2021", "",
     "การประชุมออนไลน์กับ CONAETI, CONTRAFOR และคณะทำงานโต๊ะกลมด้าน HT (ก.พ. 2021); "
     "ว่าจ้างที่ปรึกษาจัดทำเอกสาร 'การวิเคราะห์นโยบายสาธารณะ' ในเดือนมีนาคม 2021; "
     "นำเสนอผลในเดือนกรกฎาคม 2021; นำเสนอฉบับสมบูรณ์ในเดือนกันยายน 2021"),
    ("Beginning in April the team worked to develop the manual",
     "A partir de abril, el equipo trabajó en la elaboración del manual", "",
     "ตั้งแต่เดือนเมษายน ทีมงานได้ดำเนินการพัฒนาคู่มือ"),
    ("Body of Knowledge formally issued April 2020 (MTE 5.4.1); finalized and disseminated in "
     "workshops in Q3 2020 (Progress Highlights Q3 2020)",
     "Cuerpo de Conocimientos (BOK) emitido formalmente en abril de 2020 (MTE "
     "5.4.1); finalizado y difundido en talleres en el tercer trimestre de 2020 (Progress "
     "Highlights Q3 2020)", "",
     "ชุดองค์ความรู้ (BOK) ออกเผยแพร่อย่างเป็นทางการเมื่อเมษายน 2020 (MTE 5.4.1); "
     "จัดทำแล้วเสร็จและเผยแพร่ในการประชุมเชิงปฏิบัติการในไตรมาสที่ 3 ปี 2020 (Progress Highlights "
     "Q3 2020)"),
    ("Country-level workgroup formed at the 22 Sep 2020 workshop; each agency nominated a champion",
     "Grupo de trabajo a nivel nacional conformado en el taller del 22 sep 2020; cada institución "
     "designó a un referente", "",
     "จัดตั้งคณะทำงานระดับประเทศในการประชุมเชิงปฏิบัติการเมื่อ 22 ก.ย. 2020; "
     "แต่ละหน่วยงานเสนอชื่อผู้ขับเคลื่อนหลัก (champion)"),
    ("ETP piloted at the 2-day Enforcement Training workshop, 15–16 Dec 2020",
     "ETP piloteado en el taller de capacitación para la aplicación de la ley de 2 días, 15–16 dic "
     "2020", "",
     "นำร่อง ETP ในการประชุมเชิงปฏิบัติการฝึกอบรมด้านการบังคับใช้กฎหมาย 2 วัน 15–16 ธ.ค. 2020"),
    ("First consultation workshop planned April 2020, cancelled (COVID-19); one-on-one feedback, "
     "then 'ATLAS Thailand Project's Stakeholder Consultation Workshop on DMOP', 22 Sep 2020",
     "Primer taller de consulta previsto para abril de 2020, cancelado (COVID-19); "
     "retroalimentación individual, luego 'Taller de consulta con los actores sobre los DMOP del "
     "Proyecto ATLAS Tailandia', 22 sep 2020", "",
     "การประชุมเชิงปฏิบัติการรับฟังความคิดเห็นครั้งแรกซึ่งกำหนดไว้ในเดือนเมษายน 2020 ถูกยกเลิก "
     "(COVID-19); รับข้อคิดเห็นเป็นรายบุคคล จากนั้นจัด "
     "'การประชุมเชิงปฏิบัติการรับฟังความคิดเห็นของผู้มีส่วนได้ส่วนเสียเกี่ยวกับ DMOP ของโครงการ "
     "ATLAS ประเทศไทย' 22 ก.ย. 2020"),
    ("Focus group discussion with DATIP in August; final draft 'The Coordination Practice Manual "
     "for Cases of Employment of Child Labor, Forced Labor and Human Trafficking' completed in "
     "September, completing the pilot period (year from context: 2021)",
     "Grupo focal con DATIP en agosto; borrador final del 'Manual de práctica de coordinación para "
     "casos de empleo de trabajo infantil, trabajo forzoso y trata de personas' completado en "
     "septiembre, con lo que concluyó el período piloto (año según el contexto: 2021)", "",
     "การสนทนากลุ่มกับ DATIP ในเดือนสิงหาคม; ร่างสุดท้ายของ "
     "'คู่มือการปฏิบัติงานด้านการประสานงานสำหรับคดีการใช้แรงงานเด็ก แรงงานบังคับ และการค้ามนุษย์' "
     "แล้วเสร็จในเดือนกันยายน ถือเป็นการสิ้นสุดระยะนำร่อง (ปีตามบริบท: 2021)"),
    ("MDT training piloted at the 2-day workshop, 15–16 Jun 2021",
     "Capacitación MDT piloteada en el taller de 2 días, 15–16 jun 2021", "",
     "นำร่องการฝึกอบรม MDT ในการประชุมเชิงปฏิบัติการ 2 วัน 15–16 มิ.ย. 2021"),
    ("PSA conducted late 2019 (interviews with 25 KIs); feedback received by 20 Mar 2020; second "
     "version submitted to USDOL 6 Apr 2020; validation workshop planned for April 2020 cancelled "
     "(COVID-19); approved by USDOL 10 Sep 2020, an 8-month delay from the original project plan "
     "(planned date derived from that delay)",
     "PSA realizado a fines de 2019 (entrevistas con 25 informantes clave); retroalimentación "
     "recibida al 20 mar 2020; segunda versión presentada al USDOL el 6 abr 2020; taller de "
     "validación previsto para abril de 2020 cancelado (COVID-19); aprobado por el USDOL el 10 sep "
     "2020, con un retraso de 8 meses respecto del plan original del proyecto (fecha prevista "
     "deducida de ese retraso)", "",
     "ดำเนินการ PSA ช่วงปลายปี 2019 (สัมภาษณ์ผู้ให้ข้อมูลสำคัญ 25 ราย); ได้รับข้อคิดเห็นภายใน 20 "
     "มี.ค. 2020; ส่งฉบับที่สองให้ USDOL 6 เม.ย. 2020; "
     "การประชุมเชิงปฏิบัติการรับรองผลที่กำหนดไว้ในเดือนเมษายน 2020 ถูกยกเลิก (COVID-19); USDOL "
     "อนุมัติเมื่อ 10 ก.ย. 2020 ล่าช้ากว่าแผนเดิมของโครงการ 8 เดือน "
     "(วันที่ตามแผนคำนวณจากความล่าช้าดังกล่าว)"),
    ("Refined ETP implemented: 3-day workshop 24–26 Mar 2021; 3-day MOL training 14–16 Jul 2021; "
     "online peer-to-peer workshop for judges and prosecutors 8–9 Sep 2021",
     "ETP perfeccionado implementado: taller de 3 días 24–26 mar 2021; capacitación de 3 días del "
     "MOL 14–16 jul 2021; taller en línea entre pares para jueces y fiscales 8–9 sep 2021", "",
     "ดำเนินการ ETP ฉบับปรับปรุง: การประชุมเชิงปฏิบัติการ 3 วัน 24–26 มี.ค. 2021; การฝึกอบรม 3 "
     "วันของ MOL 14–16 ก.ค. 2021; การประชุมเชิงปฏิบัติการออนไลน์แบบแลกเปลี่ยนระหว่างผู้พิพากษาและพ"
     "นักงานอัยการ 8–9 ก.ย. 2021"),
    ("Refined following piloting, January 2021; pre/post tests and a follow-up at least three "
     "months after the training",
     "Perfeccionado tras el pilotaje, enero de 2021; pruebas previas y posteriores y un "
     "seguimiento al menos tres meses después de la capacitación", "",
     "ปรับปรุงหลังการนำร่อง มกราคม 2021; มีแบบทดสอบก่อนและหลังการฝึกอบรม "
     "และการติดตามผลอย่างน้อยสามเดือนหลังการฝึกอบรม"),
]


TRANSLATIONS = (DMOP_NAMES + ACTIVITIES + INSTITUTIONS + PY_KII_INSTITUTIONS + TH_KII_INSTITUTIONS
                + ORGANISATIONS + STAKEHOLDERS + QUESTIONS + ANSWERS + INDICATORS + NOTES)


def data_translations(out: Path) -> None:
    """``ATLAS data texts translations (DRAFT).csv``: one row per data text, columns text, es, en, th."""
    texts = [row[0] for row in TRANSLATIONS]
    duplicates = sorted({t for t in texts if texts.count(t) > 1})
    if duplicates:
        raise ValueError(f"texts given twice: {duplicates}")
    rows = [["text", "es", "en", "th"]] + [list(row) for row in TRANSLATIONS]
    write_csv(out / FILE_NAME, rows, delimiter=",", encoding="utf-8-sig")
